import { beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../subgraphs/caisse-des-depots/src/app.js';
import { actionKindOfCertification } from '../subgraphs/caisse-des-depots/src/domain/rules/actions.js';
import { fundingPlan } from '../subgraphs/caisse-des-depots/src/domain/rules/funding.js';
import { DEFAULT_PARAMETERS } from '../subgraphs/caisse-des-depots/src/domain/rules/parameters.js';
import { projectCpf, type ActivityPeriod } from '../subgraphs/caisse-des-depots/src/domain/rules/projection.js';
import { balanceAt } from '../subgraphs/caisse-des-depots/src/domain/transition.js';
import { sharedStack } from './shared-stack.js';
import type { TestStack } from './stack.js';

/**
 * The three journeys of docs/journeys.md, end to end through the gateway, each one query: a worker
 * on short contracts moving to a new trade, a job seeker with an allowance, a night-shift worker
 * with C2P points. Every amount of every path is checked against the rules themselves (the same
 * functions, fed the inputs the graph returned), every funding line carries its explanation, and
 * `extensions.sources` names the operators that answered. Then the public figures for dashboards,
 * the `dashboard` scope, and the upstream calls one transition plan costs.
 */
const PLAN = /* GraphQL */ `
  query Journey($to: ID!, $from: ID, $near: PlaceInput, $activity: [ActivityPeriodInput!], $first: Int) {
    me {
      activityAccount {
        cpf { balance { cents } regime }
        prevention { pointsAvailable pointsReservedForTraining pointValue { cents } }
      }
      jobSeeker { registered category benefits { kind dailyAmount { cents } } }
      transitions(to: $to, from: $from, near: $near, first: $first, orderBy: REMAINING_COST, activity: $activity) {
        target { romeCode title }
        origin { romeCode }
        missingSkills { code }
        certifications { code }
        paths {
          rank
          remainingCost { cents }
          projectedCpfBalance { cents explanation { ruleId effectiveFrom legalBasis { text } } }
          funding {
            price { cents }
            cpf { cents explanation { ruleId confirmed } }
            prevention { cents explanation { ruleId confirmed } }
            preventionPoints
            participation { cents explanation { ruleId confirmed } }
            participationExemption
            perActionCap { cents }
            remainingCost { cents explanation { ruleId confirmed } }
            coveredInFull
          }
          candidate {
            start
            distanceKm
            returnToWorkRate
            training { id title price { cents } cpfEligible certification { code } source { operator recordId dataset updatedAt } }
          }
        }
        jobOffers(first: 3) { totalCount edges { node { id source { operator recordId updatedAt } } } }
        hiringCompanies(first: 3) { totalCount }
      }
    }
  }`;

interface Explained {
  cents: number;
  explanation: { ruleId: string; confirmed?: boolean; legalBasis?: { text: string }[]; effectiveFrom?: string };
}
interface Path {
  rank: number;
  remainingCost: { cents: number } | null;
  projectedCpfBalance: Explained | null;
  funding: {
    price: { cents: number };
    cpf: Explained;
    prevention: Explained;
    preventionPoints: number;
    participation: Explained;
    participationExemption: string | null;
    perActionCap: { cents: number } | null;
    remainingCost: Explained;
    coveredInFull: boolean;
  } | null;
  candidate: {
    start: string;
    distanceKm: number | null;
    returnToWorkRate: number | null;
    training: { id: string; price: { cents: number } | null; cpfEligible: boolean | null; certification: { code: string } | null; source: { operator: string; recordId: string; dataset: string; updatedAt: string | null } };
  };
}
interface Journey {
  me: {
    activityAccount: { cpf: { balance: { cents: number }; regime: 'STANDARD' | 'LOW_QUALIFICATION' | 'DISABILITY' | 'INDEPENDENT' | 'ESAT' }; prevention: { pointsAvailable: number; pointsReservedForTraining: number } | null };
    jobSeeker: { registered: boolean; category: string | null; benefits: { kind: string; dailyAmount: { cents: number } } | null } | null;
    transitions: {
      target: { romeCode: string; title: string };
      origin: { romeCode: string } | null;
      missingSkills: { code: string }[];
      certifications: { code: string }[];
      paths: Path[];
      jobOffers: { totalCount: number; edges: { node: { id: string; source: { operator: string; recordId: string; updatedAt: string | null } } }[] } | null;
      hiringCompanies: { totalCount: number } | null;
    } | null;
  };
}

const operatorsOf = (extensions: Record<string, unknown> | undefined): string[] =>
  ((extensions?.['sources'] ?? []) as { operator: string }[]).map((source) => source.operator);

/** The rules, fed what the graph returned: the amounts every path must show. */
function expectPathsFollowTheRules(journey: Journey['me'], activity: ActivityPeriod[]): void {
  const plan = journey.transitions;
  const cpf = journey.activityAccount.cpf;
  const prevention = journey.activityAccount.prevention;
  const today = todayInFrance();
  const projection = projectCpf({ balanceCents: cpf.balance.cents, regime: cpf.regime, today, periods: activity }, DEFAULT_PARAMETERS);
  expect(plan?.paths.length).toBeGreaterThan(0);
  plan?.paths.forEach((path, index) => {
    expect(path.rank).toBe(index + 1);
    const projected = balanceAt(path.candidate.start, cpf.balance.cents, projection);
    expect(path.projectedCpfBalance?.cents).toBe(projected);
    expect(path.projectedCpfBalance?.explanation.ruleId).toBe('transition.projected-balance');
    expect(path.projectedCpfBalance?.explanation.legalBasis?.length).toBeGreaterThan(0);
    const price = path.candidate.training.price?.cents;
    if (price === undefined) {
      expect(path.funding).toBeNull();
      return;
    }
    const code = path.candidate.training.certification?.code ?? null;
    const expected = fundingPlan(
      {
        priceCents: price,
        cpfEligible: path.candidate.training.cpfEligible ?? false,
        cpfBalanceCents: projected,
        preventionPointsReserved: prevention?.pointsReservedForTraining ?? 0,
        preventionPointsAvailable: prevention?.pointsAvailable ?? 0,
        registeredJobSeeker: journey.jobSeeker?.registered ?? false,
        employerTopUpCents: 0,
        action: { kind: actionKindOfCertification(code), certificationCode: code },
        date: path.candidate.start,
      },
      DEFAULT_PARAMETERS,
    );
    const funding = path.funding;
    expect(funding).not.toBeNull();
    expect({
      cpf: funding?.cpf.cents,
      prevention: funding?.prevention.cents,
      points: funding?.preventionPoints,
      participation: funding?.participation.cents,
      exemption: funding?.participationExemption,
      remaining: funding?.remainingCost.cents,
    }).toEqual({
      cpf: expected.cpfCents,
      prevention: expected.preventionCents,
      points: expected.preventionPoints,
      participation: expected.participationCents,
      exemption: expected.participationExemption,
      remaining: expected.remainingCents,
    });
    expect(path.remainingCost?.cents).toBe(expected.remainingCents);
    const lines = [funding?.cpf, funding?.prevention, funding?.participation, funding?.remainingCost];
    expect(lines.map((line) => line?.explanation.ruleId)).toEqual([expected.explanations.cpf.ruleId, expected.explanations.prevention.ruleId, expected.explanations.participation.ruleId, expected.explanations.remaining.ruleId]);
    expect(path.candidate.training.source).toMatchObject({ operator: 'carif-oref', recordId: path.candidate.training.id });
  });
  // REMAINING_COST ranking: cheapest first (ties fall to the start date, then the distance).
  const costs = plan?.paths.map((path) => path.remainingCost?.cents ?? Number.POSITIVE_INFINITY) ?? [];
  expect(costs).toEqual([...costs].sort((a, b) => a - b));
}

describe('journeys through the gateway (#17.6)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await sharedStack();
  }, 120_000);

  const journey = async (workerId: string, variables: Record<string, unknown>) => {
    const token = await stack.workerToken(workerId);
    const { status, body } = await stack.query<Journey>(PLAN, variables, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return { me: (body.data as Journey).me, operators: operatorsOf(body.extensions) };
  };

  it('one transition plan is one query whose upstream calls do not grow with its candidates (batched; first, on a cold cache)', async () => {
    const COUNTED = /* GraphQL */ `
      query Counted {
        me {
          transitions(to: "M1607", from: "M1805", near: { communeCode: "33063", radiusKm: 60 }, first: 5) {
            candidates { id training { id formacodes location { departmentCode } } }
            paths { rank remainingCost { cents } funding { remainingCost { cents } } candidate { returnToWorkRate } }
            missingSkills { code }
            jobOffers(first: 3) { totalCount }
            hiringCompanies(first: 3) { totalCount }
          }
        }
      }`;
    interface Counted {
      me: { transitions: { candidates: { id: string; training: { id: string; formacodes: string[]; location: { departmentCode: string | null } | null } }[]; paths: { rank: number }[] } };
    }
    const token = await stack.workerToken('W000001');
    await stack.resetUpstreamCalls();
    const { body } = await stack.query<Counted>(COUNTED, {}, { authorization: `Bearer ${token}` });
    expect(body.errors).toBeUndefined();
    const plan = (body.data as Counted).me.transitions;
    const calls = (await stack.upstreamCalls()).byEndpoint;
    const count = (pattern: RegExp): number => Object.entries(calls).filter(([endpoint]) => pattern.test(endpoint)).reduce((sum, [, value]) => sum + value, 0);
    const outcomeKeys = new Set(plan.candidates.map((candidate) => `${candidate.training.formacodes[0] ?? ''}:${candidate.training.location?.departmentCode ?? ''}`));
    console.info(JSON.stringify({ candidates: plan.candidates.length, outcomeKeys: outcomeKeys.size, paths: plan.paths.length, calls }));
    expect(plan.paths.length).toBeGreaterThan(0);
    expect(plan.candidates.length).toBeGreaterThanOrEqual(plan.paths.length);
    // The CPF rights: read once for the whole gateway request, and no candidate adds one. When \`me\`
    // and the ranked paths reach the Caisse des dépôts subgraph in two fetches, the second reuses the
    // first's read (the per-request rights memo, subgraphs/caisse-des-depots/src/loaders/rights.loader.ts);
    // when france-travail answers \`me\` (a shared root field), the subgraph is fetched once.
    expect(count(/caissedesdepots\/api\/cpa\/v1\/titulaires\/:idTitulaire\/droits|droits\/recherche/)).toBe(1);
    expect(count(/caissedesdepots\/api\/cpa/)).toBe(1);
    // Return-to-work rates: at most one call per distinct main Formacode × department among every candidate ranked.
    expect(count(/stats-/)).toBeLessThanOrEqual(outcomeKeys.size);
    // Mon Compte Formation eligibility is in the ingested catalogue and the CDC's own open-data copy: no call per candidate.
    expect(count(/opendata/)).toBeLessThanOrEqual(1);
    // ROME: the target and the origin (record and skills) at most; one offer search and one La Bonne Boîte search.
    expect(count(/rome/)).toBeLessThanOrEqual(4);
    expect(count(/offresdemploi/)).toBe(1);
    expect(count(/labonneboite/)).toBe(1);
  });

  it('Occupation.pathsFrom is the same plan anonymously: paths ranked by price, no funding, no personal read', async () => {
    interface Public {
      occupation: {
        pathsFrom: {
          origin: { romeCode: string } | null;
          missingSkills: { code: string }[];
          paths: { rank: number; remainingCost: { cents: number } | null; funding: unknown; projectedCpfBalance: unknown; candidate: { training: { price: { cents: number } | null } } }[];
        } | null;
      };
    }
    await stack.resetUpstreamCalls();
    const { body } = await stack.query<Public>(
      `{ occupation(romeCode: "M1607") { pathsFrom(romeCode: "M1805", near: { communeCode: "33063", radiusKm: 60 }, first: 5) {
          origin { romeCode } missingSkills { code }
          paths { rank remainingCost { cents } funding { cpf { cents } } projectedCpfBalance { cents } candidate { training { price { cents } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const plan = (body.data as Public).occupation.pathsFrom;
    expect(plan?.origin?.romeCode).toBe('M1805');
    expect(plan?.missingSkills.length).toBeGreaterThan(0);
    expect(plan?.paths.length).toBeGreaterThan(0);
    for (const path of plan?.paths ?? []) {
      expect(path.funding).toBeNull();
      expect(path.projectedCpfBalance).toBeNull();
      expect(path.remainingCost?.cents ?? null).toBe(path.candidate.training.price?.cents ?? null);
    }
    const prices = plan?.paths.map((path) => path.remainingCost?.cents ?? Number.POSITIVE_INFINITY) ?? [];
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const calls = Object.keys((await stack.upstreamCalls()).byEndpoint);
    expect(calls.filter((endpoint) => /caissedesdepots|api-particulier|consent/.test(endpoint))).toEqual([]);
  });

  it('paths(first:) returns the first ranked paths of the plan, never more than its `first`, and refuses a size past 50', async () => {
    const token = await stack.workerToken('W000001');
    const headers = { authorization: `Bearer ${token}` };
    interface Sized {
      me: { transitions: { two: { rank: number; candidate: { id: string } }[]; all: { rank: number; candidate: { id: string } }[]; more: { rank: number }[] } };
    }
    const { body } = await stack.query<Sized>(
      `{ me { transitions(to: "M1607", from: "M1805", near: { communeCode: "33063", radiusKm: 60 }, first: 3) {
          two: paths(first: 2) { rank candidate { id } } all: paths { rank candidate { id } } more: paths(first: 40) { rank } } } }`,
      {},
      headers,
    );
    expect(body.errors).toBeUndefined();
    const plan = (body.data as Sized).me.transitions;
    expect(plan.all.length).toBeGreaterThan(2);
    expect(plan.all.length).toBeLessThanOrEqual(3);
    expect(plan.two).toEqual(plan.all.slice(0, 2));
    expect(plan.more.length).toBe(plan.all.length);
    // The same plan as above (its operator reads now cached), so that only the size is at stake: a plan
    // of its own, unbounded, once ran out of its upstream budget on a loaded CI machine first.
    const refused = await stack.query('{ me { transitions(to: "M1607", from: "M1805", near: { communeCode: "33063", radiusKm: 60 }, first: 3) { paths(first: 51) { rank } } } }', {}, headers);
    expect(refused.body.errors?.map((error) => [error.extensions?.['code'], error.extensions?.['argument']])).toEqual([['BAD_USER_INPUT', 'first']]);
  });

  it('1. a worker on short contracts (W000009, Nice) moving to a new trade: the planned fixed-term contracts raise the CPF by the session date', async () => {
    const activity: ActivityPeriod[] = [
      { start: `${todayInFrance().slice(0, 4)}-01-01`, end: `${todayInFrance().slice(0, 4)}-03-31`, kind: 'FIXED_TERM', workingTimeRatio: 1 },
      { start: `${Number(todayInFrance().slice(0, 4)) + 1}-01-01`, end: `${Number(todayInFrance().slice(0, 4)) + 1}-06-30`, kind: 'FIXED_TERM', workingTimeRatio: 1 },
      { start: `${Number(todayInFrance().slice(0, 4)) + 1}-07-01`, end: `${Number(todayInFrance().slice(0, 4)) + 1}-12-31`, kind: 'UNEMPLOYED' },
    ];
    const { me, operators } = await journey('W000009', { to: 'L1204', from: 'G1803', near: { communeCode: '06088', radiusKm: 40 }, activity, first: 5 });
    expect(me.jobSeeker).toBeNull();
    expect(me.transitions?.target.romeCode).toBe('L1204');
    expect(me.transitions?.origin?.romeCode).toBe('G1803');
    expect(me.transitions?.missingSkills.length).toBeGreaterThan(0);
    expectPathsFollowTheRules(me, activity);
    // This year's fixed-term months are credited by 30 April next year: a session after that date is funded with them.
    const booked = `${Number(todayInFrance().slice(0, 4)) + 1}-04-30`;
    for (const path of me.transitions?.paths ?? []) {
      if (path.candidate.start >= booked) expect(path.projectedCpfBalance?.cents).toBeGreaterThan(me.activityAccount.cpf.balance.cents);
      else expect(path.projectedCpfBalance?.cents).toBe(me.activityAccount.cpf.balance.cents);
    }
    expect(operators).toEqual(expect.arrayContaining(['caisse-des-depots', 'carif-oref', 'france-competences', 'france-travail', 'opendata-cdc']));
  });

  it('2. a registered job seeker with an allowance (W000005, Bordeaux): from the sought occupation, exempt from the participation', async () => {
    const { me, operators } = await journey('W000005', { to: 'M1607', near: { communeCode: '33063', radiusKm: 40 }, first: 5 });
    expect(me.jobSeeker).toMatchObject({ registered: true, category: 'A', benefits: { kind: 'ARE', dailyAmount: { cents: 5843 } } });
    expect(me.transitions?.origin?.romeCode).toBe('M1805');
    expectPathsFollowTheRules(me, []);
    const funded = me.transitions?.paths.filter((path) => (path.funding?.cpf.cents ?? 0) > 0) ?? [];
    expect(funded.length).toBeGreaterThan(0);
    for (const path of funded) expect(path.funding).toMatchObject({ participation: { cents: 0 }, participationExemption: 'JOB_SEEKER' });
    expect(operators).toEqual(expect.arrayContaining(['api-particulier', 'caisse-des-depots', 'carif-oref', 'france-travail']));
    const offer = me.transitions?.jobOffers?.edges[0]?.node;
    if (offer) expect(offer.source).toMatchObject({ operator: 'france-travail', recordId: offer.id });
  });

  it('3. a night-shift worker with C2P points (W000003, Marseille): the points pay what the CPF cannot, and waive the participation', async () => {
    const { me, operators } = await journey('W000003', { to: 'F1705', from: 'N1101', near: { communeCode: '13055', radiusKm: 40 }, first: 5 });
    expect(me.activityAccount.cpf.balance.cents).toBe(270_000);
    expect(me.activityAccount.prevention).toMatchObject({ pointsAvailable: 56, pointsReservedForTraining: 20 });
    expectPathsFollowTheRules(me, []);
    const withPoints = me.transitions?.paths.filter((path) => (path.funding?.preventionPoints ?? 0) > 0) ?? [];
    expect(withPoints.length).toBeGreaterThan(0);
    for (const path of withPoints) {
      // Beyond the 20 reserved points: every available point can pay for training (L4163-7), 500 € each since 1 Sep 2023.
      expect(path.funding?.prevention.cents).toBe(Math.min((path.funding?.price.cents ?? 0) - (path.funding?.cpf.cents ?? 0), (path.funding?.preventionPoints ?? 0) * 50_000));
      expect(path.funding?.participationExemption).toBe('PREVENTION_POINTS');
    }
    expect(operators).toEqual(expect.arrayContaining(['caisse-des-depots', 'carif-oref', 'france-travail']));
  });

  describe('public figures for dashboards (#17.5)', () => {
    const FIGURES = /* GraphQL */ `
      query Figures {
        department: labourMarket(romeCode: "M1607", territory: "33") {
          romeCode territoryCode occupation { title } territory { name kind departmentCode }
          offersCount trainingsCount cpfEligibleTrainingsCount cpfEligibleShare trainingFormacodes
          returnToWork { formacode outcomes { returnToWorkRate } }
          tension { year dataset offersRegistered jobSeekers index highHiringOpportunity basins }
        }
        basin: labourMarket(romeCode: "M1607", territory: "7527") {
          territory { name kind departmentCode } offersCount trainingsCount
          tension { year offersRegistered jobSeekers index highHiringOpportunity basins }
        }
        territory(code: "33") { name kind tensionYear occupations(first: 5) { romeCode offersCount trainingsCount tension { offersRegistered } } }
      }`;

    interface Figures {
      department: { offersCount: number | null; trainingsCount: number | null; cpfEligibleTrainingsCount: number | null; cpfEligibleShare: number | null; tension: { year: number; offersRegistered: number; index: number | null; basins: number } | null; territory: { kind: string; name: string } };
      basin: { offersCount: number | null; tension: { year: number; index: number | null; highHiringOpportunity: boolean | null; basins: number } | null; territory: { kind: string; departmentCode: string } } | null;
      territory: { tensionYear: number; occupations: { romeCode: string; offersCount: number | null; tension: { offersRegistered: number } }[] };
    }

    it('answers anonymously from the 2020 dataset, offer totals and catalogue counts, without paging through offers', async () => {
      await stack.resetUpstreamCalls();
      const { status, body } = await stack.query<Figures>(FIGURES);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const data = body.data as Figures;
      expect(data.department.territory).toMatchObject({ kind: 'DEPARTMENT', name: 'Gironde' });
      expect(data.department.tension).toMatchObject({ year: 2020, index: null });
      expect(data.department.tension?.basins).toBeGreaterThan(1);
      expect(data.department.offersCount).toBeGreaterThanOrEqual(0);
      expect(data.department.trainingsCount).toBeGreaterThanOrEqual(data.department.cpfEligibleTrainingsCount ?? 0);
      expect(data.basin?.territory).toMatchObject({ kind: 'EMPLOYMENT_BASIN' });
      expect(data.basin?.offersCount).toBeNull();
      expect(data.territory.tensionYear).toBe(2020);
      const registered = data.territory.occupations.map((item) => item.tension.offersRegistered);
      expect(registered).toEqual([...registered].sort((a, b) => b - a));
      const calls = (await stack.upstreamCalls()).byEndpoint;
      // One `range=0-0` count per occupation × department (the department's and five of the territory's), never a page of offers each.
      const searches = Object.entries(calls).filter(([endpoint]) => endpoint.includes('offres/search')).reduce((sum, [, value]) => sum + value, 0);
      expect(searches).toBeLessThanOrEqual(6);
      expect(operatorsOf(body.extensions)).toEqual(expect.arrayContaining(['carif-oref', 'france-travail']));
      // Cached as reference data: the same figures again cost no offer search.
      await stack.resetUpstreamCalls();
      expect((await stack.query<Figures>(FIGURES)).body.errors).toBeUndefined();
      expect(Object.keys((await stack.upstreamCalls()).byEndpoint).filter((endpoint) => endpoint.includes('offres/search'))).toEqual([]);
    });

    it('refuses malformed codes with BAD_USER_INPUT and answers null for an unknown territory', async () => {
      const bad = await stack.query('{ labourMarket(romeCode: "M1607", territory: "3") { offersCount } }');
      expect(bad.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const badRome = await stack.query('{ labourMarket(romeCode: "XX", territory: "33") { offersCount } }');
      expect(badRome.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const unknown = await stack.query<{ territory: null }>('{ territory(code: "0000") { name } }');
      expect(unknown.body.errors).toBeUndefined();
      expect(unknown.body.data?.territory).toBeNull();
    });

    it('a dashboard partner token reads the figures, and every personal field is FORBIDDEN without a single rights or consent call', async () => {
      const token = await stack.partnerToken('demo-dashboard', 'dashboard');
      const headers = { authorization: `Bearer ${token}` };
      const figures = await stack.query<Figures>(FIGURES, {}, headers);
      expect(figures.body.errors).toBeUndefined();
      expect(figures.body.data?.territory.occupations.length).toBe(5);
      // A priced training: without a price, funding is null before any access decision (nothing personal is read).
      const listed = await stack.query<{ trainings: { edges: { node: { id: string; price: { cents: number } | null } }[] } }>('{ trainings(filter: { near: { departmentCode: "33" } }, first: 20) { edges { node { id price { cents } } } } }');
      const trainingId = listed.body.data?.trainings.edges.find((edge) => edge.node.price !== null)?.node.id;
      expect(trainingId).toBeDefined();
      await stack.resetUpstreamCalls();
      const personal = [
        '{ worker(id: "W000005") { activityAccount { cpf { balance { cents } } } } }',
        '{ worker(id: "W000005") { jobSeeker { category } } }',
        '{ worker(id: "W000005") { transitions(to: "M1607") { paths { rank } } } }',
        `{ training(id: "${trainingId}") { funding(workerId: "W000005") { remainingCost { cents } } } }`,
      ];
      for (const query of personal) {
        const { body } = await stack.query(query, {}, headers);
        expect(body.errors?.map((error) => error.extensions?.['code']), query).toContain('FORBIDDEN');
        expect(JSON.stringify(body.data ?? null), query).not.toMatch(/cents|category|rank/);
      }
      const calls = Object.keys((await stack.upstreamCalls()).byEndpoint);
      expect(calls.filter((endpoint) => /caissedesdepots|api-particulier|consent/.test(endpoint))).toEqual([]);
    });
  });
});
