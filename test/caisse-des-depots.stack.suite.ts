import { beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from './shared-stack.js';
import type { TestStack } from './stack.js';

/**
 * graph.md query 1, "Worker dashboard", through the gateway for three demo workers: the CPA from
 * caisse-des-depots, the job-seeker situation from france-travail, trainings from
 * training-catalog, and back to caisse-des-depots for each training's funding plan.
 */
const DASHBOARD = /* GraphQL */ `
  query WorkerDashboard {
    me {
      id
      activityAccount {
        cpf {
          balance { cents currency }
          ceiling { cents }
          yearlyCredit { cents }
          regime
          movements(first: 5) { totalCount edges { node { date kind label amount { cents } } } }
        }
        prevention { pointsAvailable trainingValue { cents } }
        civicEngagement { acquired { cents } }
        totalTrainingRights { cents }
      }
      jobSeeker {
        registered
        soughtOccupation {
          romeCode
          jobOffers(first: 5) { totalCount edges { node { id title } } }
          trainings(first: 5) {
            edges {
              node {
                id
                title
                price { cents }
                cpfEligible
                funding { cpf { cents } participationExemption remainingCost { cents } coveredInFull }
                outcomes { returnToWorkRate }
              }
            }
          }
        }
      }
    }
  }`;

interface Funding {
  cpf: { cents: number };
  participationExemption: string | null;
  remainingCost: { cents: number };
  coveredInFull: boolean;
}
interface TrainingNode {
  price: { cents: number } | null;
  cpfEligible: boolean;
  funding: Funding | null;
}
interface Dashboard {
  me: {
    id: string;
    activityAccount: {
      cpf: { balance: { cents: number; currency: string }; ceiling: { cents: number }; regime: string; movements: { totalCount: number; edges: unknown[] } };
      totalTrainingRights: { cents: number };
    };
    jobSeeker: { registered: boolean; soughtOccupation: { romeCode: string; trainings: { edges: { node: TrainingNode }[] } } } | null;
  };
}

describe('caisse-des-depots through the gateway: the worker dashboard', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await sharedStack();
  }, 120_000);

  const dashboard = async (workerId: string) => {
    const token = await stack.workerToken(workerId);
    // The journeys read these workers first: their rights are in the personal cache for 45 s.
    await stack.forgetPersonalReads();
    await stack.resetUpstreamCalls();
    const { status, body } = await stack.query<Dashboard>(DASHBOARD, {}, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const calls = (await stack.upstreamCalls()).byEndpoint;
    const rightsCalls = Object.entries(calls)
      .filter(([endpoint]) => endpoint.includes('/caissedesdepots/api/cpa/v1/') && !endpoint.includes('mouvements'))
      .reduce((sum, [, count]) => sum + count, 0);
    return { me: (body.data as Dashboard).me, rightsCalls };
  };

  it('W000001: full-time employee at the 5,000 € ceiling, not a job seeker', async () => {
    const { me, rightsCalls } = await dashboard('W000001');
    expect(me.activityAccount.cpf).toMatchObject({ balance: { cents: 500_000, currency: 'EUR' }, ceiling: { cents: 500_000 }, regime: 'STANDARD' });
    expect(me.activityAccount.cpf.movements.totalCount).toBe(7);
    expect(me.jobSeeker).toBeNull();
    expect(rightsCalls).toBe(1);
  });

  it('W000005: registered job seeker, exempt from the participation on every CPF-funded training', async () => {
    const { me, rightsCalls } = await dashboard('W000005');
    expect(me.activityAccount.cpf.balance.cents).toBe(370_000);
    expect(me.jobSeeker?.registered).toBe(true);
    const trainings = me.jobSeeker?.soughtOccupation.trainings.edges.map((edge) => edge.node) ?? [];
    expect(trainings.length).toBeGreaterThan(0);
    expect(trainings.some((training) => training.funding?.participationExemption === 'JOB_SEEKER')).toBe(true);
    for (const training of trainings) {
      if (training.price === null) continue;
      expect(training.funding).not.toBeNull();
      if (training.cpfEligible && (training.funding?.cpf.cents ?? 0) > 0) expect(training.funding?.participationExemption).toBe('JOB_SEEKER');
    }
    // One read for `me`, one for the funding plans of every listed training (a second subgraph fetch).
    expect(rightsCalls).toBeLessThanOrEqual(2);
  });

  it('W000006: low-qualification job seeker under the 800/8,000 € regime', async () => {
    const { me, rightsCalls } = await dashboard('W000006');
    expect(me.activityAccount.cpf).toMatchObject({ balance: { cents: 380_000 }, ceiling: { cents: 800_000 }, regime: 'LOW_QUALIFICATION' });
    expect(me.jobSeeker?.soughtOccupation.romeCode).toBe('K1304');
    expect(rightsCalls).toBeLessThanOrEqual(2);
  });
});
