import type { McfRow } from '../../lib/contracts/mcf.response.js';
import { buildTrainings, type TrainingOffer } from '../data/trainings.js';
import { departmentName as departmentNames, regionName as regionNames } from '../data/territories.js';
import type { World } from '../data/world.js';


export const DATE_EXTRACT = '2026-11-23';

const LEVEL_LABELS: Record<number, string> = {
  3: 'Niveau 3 (CAP, BEP…)', 4: 'Niveau 4 (BAC…)', 5: 'Niveau 5 (BTS, DUT…)',
  6: 'Niveau 6 (Licence, BUT…)', 7: 'Niveau 7 (Master, diplôme d’ingénieur…)', 8: 'Niveau 8 (Doctorat…)',
};

/** `numero_formation` of the simulated dataset: the provider's SIRET and the Carif-Oref formation number. */
export const mcfFormationNumber = (training: TrainingOffer): string => `${training.provider.siret}_${training.id}`;

/** One row per CPF-eligible training, aggregated over its actions and sessions, as the dataset has it. */
export function buildMcfRows(world: World): McfRow[] {
  return buildTrainings(world).filter((training) => training.cpfEligible).map((training) => toRow(training, world));
}

function toRow(training: TrainingOffer, world: World): McfRow {
  const certification = training.certification;
  const first = training.actions[0];
  const hours = training.actions.map((action) => action.durationHours);
  const prices = training.actions.flatMap((action) => (action.priceCents === null ? [] : [action.priceCents / 100]));
  const sessions = training.actions.flatMap((action) => action.sessions.map((session) => ({ session, action })));
  const formacodes = training.formacodes.map((code) => world.refs.formacodeByCode.get(code));
  const nsf = [...new Set(formacodes.map((formacode) => formacode?.nsf ?? '').filter(Boolean))].slice(0, 3);
  const nsfCode = (index: number): string | null => /^\w{3,4}/.exec(nsf[index] ?? '')?.[0] ?? null;
  const nsfLabel = (index: number): string | null => nsf[index]?.replace(/^\w{3,4}\s+/, '') ?? null;
  const department = first?.commune.department ?? null;
  const region = first?.commune.region ?? null;
  const digits = certification?.code.replace(/^\D+/, '') ?? null;
  return {
    date_extract: DATE_EXTRACT,
    nom_of: training.provider.name,
    nom_departement: department ? departmentNames.get(department) ?? null : null,
    nom_region: region ? regionNames.get(region) ?? null : null,
    type_referentiel: certification?.kind ?? null,
    code_inventaire: certification?.kind === 'RS' ? digits : null,
    code_rncp: certification?.kind === 'RNCP' ? digits : null,
    intitule_certification: certification?.title ?? null,
    libelle_niveau_sortie_formation: certification?.level ? LEVEL_LABELS[certification.level] ?? null : 'Sans niveau spécifique',
    code_formacode_1: training.formacodes[0] ?? null,
    code_formacode_2: training.formacodes[1] ?? null,
    code_formacode_3: training.formacodes[2] ?? null,
    code_formacode_4: training.formacodes[3] ?? null,
    code_formacode_5: training.formacodes[4] ?? null,
    libelle_code_formacode_principal: formacodes[0]?.label ?? null,
    libelle_nsf_1: nsfLabel(0),
    libelle_nsf_2: nsfLabel(1),
    libelle_nsf_3: nsfLabel(2),
    code_nsf_1: nsfCode(0),
    code_nsf_2: nsfCode(1),
    code_nsf_3: nsfCode(2),
    code_certifinfo: certification?.certifInfo ?? null,
    siret: training.provider.siret,
    numero_formation: mcfFormationNumber(training),
    intitule_formation: training.title,
    points_forts: training.objective,
    nb_action: training.actions.length,
    nb_session_active: sessions.length,
    nb_session_a_distance: sessions.filter(({ action }) => action.modality === 'REMOTE').length,
    nombre_heures_total_min: Math.min(...hours),
    nombre_heures_total_max: Math.max(...hours),
    nombre_heures_total_mean: round2(hours.reduce((sum, value) => sum + value, 0) / hours.length),
    frais_ttc_tot_min: prices.length ? Math.min(...prices) : null,
    frais_ttc_tot_max: prices.length ? Math.max(...prices) : null,
    frais_ttc_tot_mean: prices.length ? round2(prices.reduce((sum, value) => sum + value, 0) / prices.length) : null,
    code_departement: department,
    code_region: region,
    nbaction_nbheures: hours.reduce((sum, value) => sum + value, 0),
    coderegion_export: region,
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
