import type { FastifyInstance, FastifyReply } from 'fastify';
import { departmentName, regionName } from '../data/territories.js';
import type { CompanyProfile, World } from '../data/world.js';
import { distanceKm } from '../../lib/geo.js';
import type { Guard } from './guard.js';


const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** La Bonne Boîte v2 validation errors are FastAPI-style 422s (`detail[]`); the exact wording is not on record. */
function unprocessable(reply: FastifyReply, field: string, msg: string) {
  return reply.code(422).send({ detail: [{ loc: ['query', field], msg, type: 'value_error' }] });
}

interface LbbItem {
  company: CompanyProfile;
  rome: string;
  id: number;
}

function renderItem({ company, rome, id }: LbbItem): Record<string, unknown> {
  return {
    id,
    rome,
    siret: company.siret,
    email: company.siret.endsWith('0') ? 'no' : 'yes',
    company_name: company.name,
    office_name: company.name,
    headcount_min: company.headcountMin,
    headcount_max: company.headcountMax,
    naf: company.naf,
    naf_label: company.nafLabel,
    location: { lat: company.commune.latitude, lon: company.commune.longitude },
    city: company.commune.name,
    citycode: company.commune.insee,
    postcode: company.commune.postalCodes[0] ?? '',
    department: departmentName.get(company.commune.department) ?? company.commune.department,
    region: regionName.get(company.commune.region) ?? company.commune.region,
    department_number: company.commune.department,
    hiring_potential: company.hiringPotential,
    is_high_potential: company.hiringPotential >= 80,
  };
}

/**
 * La Bonne Boîte v2 `/recherche` from `world.companies` (one item per company × ROME it hires for),
 * plus `/potentielEmbauche?siret=` answering the same `{hits, items}` body for one SIRET
 * (its shape is not on record: simulator choice).
 */
export function registerLbbRoutes(app: FastifyInstance, world: World, guard: Guard): void {
  const items: LbbItem[] = world.companies.flatMap((company, companyIndex) =>
    company.romeCodes.map((rome, romeIndex) => ({ company, rome, id: 10_000 + companyIndex * 10 + romeIndex })),
  );
  const byRome = new Map<string, LbbItem[]>();
  const bySiret = new Map<string, LbbItem[]>();
  for (const item of items) {
    byRome.set(item.rome, [...(byRome.get(item.rome) ?? []), item]);
    bySiret.set(item.company.siret, [...(bySiret.get(item.company.siret) ?? []), item]);
  }

  app.get('/partenaire/labonneboite/v2/recherche', { preHandler: guard('labonneboite') }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const romes = asList(query['rome']).flatMap((value) => value.split(','));
    const distance = query['distance'] === undefined ? 10 : Number(query['distance']);
    if (!Number.isFinite(distance) || distance < 0 || distance > 200) return unprocessable(reply, 'distance', 'ensure this value is less than or equal to 200');
    const page = query['page'] === undefined ? 1 : Number(query['page']);
    if (!Number.isInteger(page) || page < 1) return unprocessable(reply, 'page', 'ensure this value is greater than or equal to 1');
    const pageSize = query['page_size'] === undefined ? 10 : Number(query['page_size']);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return unprocessable(reply, 'page_size', 'ensure this value is less than or equal to 100');

    let centre: { lat: number; lon: number } | undefined;
    const citycodes = asList(query['citycode']);
    const departmentNumbers = asList(query['department_number']);
    if (query['latitude'] !== undefined && query['longitude'] !== undefined) {
      centre = { lat: Number(query['latitude']), lon: Number(query['longitude']) };
      if (!Number.isFinite(centre.lat) || !Number.isFinite(centre.lon)) return unprocessable(reply, 'latitude', 'value is not a valid float');
    } else if (citycodes.length > 0) {
      const commune = world.refs.communeByInsee.get(citycodes[0] ?? '');
      if (!commune) return reply.send({ hits: 0, items: [], params: query, resolved_params: { jobs: [], locations: [] } });
      centre = { lat: commune.latitude, lon: commune.longitude };
    } else if (departmentNumbers.length === 0) {
      return unprocessable(reply, 'location', 'a location is required (latitude/longitude, citycode or department_number)');
    }
    const pool = romes.length > 0 ? romes.flatMap((rome) => byRome.get(rome) ?? []) : items;
    const matches = pool
      .map((item) => ({ item, distance: centre ? distanceKm(centre.lat, centre.lon, item.company.commune.latitude, item.company.commune.longitude) : 0 }))
      .filter(({ item, distance: km }) => (centre ? km <= distance : departmentNumbers.includes(item.company.commune.department)))
      .sort((a, b) => b.item.company.hiringPotential - a.item.company.hiringPotential || a.item.id - b.item.id);
    const pageItems = matches.slice((page - 1) * pageSize, page * pageSize).map(({ item }) => renderItem(item));
    return reply.send({
      hits: matches.length,
      items: pageItems,
      params: query,
      resolved_params: {
        jobs: romes.map((rome) => ({ type: 'rome', value: rome, display: world.refs.romeByCode.get(rome)?.label ?? rome })),
        locations: citycodes.map((code) => ({ type: 'city', value: code, display: world.refs.communeByInsee.get(code)?.name ?? code })),
      },
    });
  });

  app.get('/partenaire/labonneboite/v2/potentielEmbauche', { preHandler: guard('labonneboite') }, async (request, reply) => {
    const siret = String((request.query as Record<string, unknown>)['siret'] ?? '');
    if (!/^\d{14}$/.test(siret)) return unprocessable(reply, 'siret', 'string does not match regex "^\\d{14}$"');
    const found = (bySiret.get(siret) ?? []).map(renderItem);
    return reply.send({ hits: found.length, items: found });
  });
}
