import type { TrainingActionProfile, TrainingOffer } from '../data/trainings.js';

export const LHEO_NAMESPACE = 'http://www.lheo.org/2.2';

/** What a deliberately broken record gets wrong (the ingestion must skip and count it, never fail). */
export type Defect = 'BAD_DATE' | 'BAD_SIRET' | 'MISSING_TITLE' | 'BAD_PRICE';

const MODALITY_CODE = { IN_PERSON: '0', BLENDED: '1', REMOTE: '2' } as const;

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[char as '&']};`);
}

const el = (name: string, value: string | number, attributes = ''): string => `<${name}${attributes}>${escapeXml(String(value))}</${name}>`;

export const LHEO_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="${LHEO_NAMESPACE}">\n<offres>\n`;
export const LHEO_TAIL = '</offres>\n</lheo>\n';

/**
 * One LHEO 2.2 `formation`, children in the order of the grammar's sequences (`lheo-gml.xml`):
 * validating consumers reject out-of-order elements, so the order here is part of the contract.
 */
export function formationXml(training: TrainingOffer, defect?: Defect): string {
  const certification = training.certification;
  const parts: string[] = [`<formation numero="${escapeXml(training.id)}" datecrea="${training.createdOn}" datemaj="${training.updatedOn}">`];
  parts.push('<domaine-formation>');
  training.formacodes.slice(0, 5).forEach((code, index) => parts.push(el('code-FORMACODE', code, index === 0 ? ' ref="V13" tag="principal"' : ' ref="V13"')));
  if (training.nsfCode) parts.push(el('code-NSF', training.nsfCode));
  for (const rome of training.romeCodes.slice(0, 5)) parts.push(el('code-ROME', rome));
  parts.push('</domaine-formation>');
  if (defect !== 'MISSING_TITLE') parts.push(el('intitule-formation', training.title));
  parts.push(el('objectif-formation', `<p>${training.objective}</p>`));
  parts.push(el('resultats-attendus', certification ? `Obtention de la certification ${certification.title}.` : 'Attestation de fin de formation.'));
  parts.push(el('contenu-formation', `<p>${training.title} : apports théoriques, mises en situation, évaluation.</p>`));
  parts.push(el('certifiante', certification ? 1 : 0));
  parts.push('<contact-formation><coordonnees><courriel>contact@organisme.example</courriel></coordonnees></contact-formation>');
  parts.push(el('parcours-de-formation', 1), el('code-niveau-entree', 0));
  if (certification) {
    const digits = certification.code.replace(/^\D+/, '');
    parts.push('<certification>', certification.kind === 'RNCP' ? el('code-RNCP', digits) : el('code-RS', digits), el('code-CERTIFINFO', certification.certifInfo), '</certification>');
    if (certification.level !== null) parts.push(el('code-niveau-sortie', certification.level));
  }
  training.actions.forEach((action, index) => parts.push(actionXml(action, index === 0 ? defect : undefined)));
  const provider = training.provider;
  const siret = defect === 'BAD_SIRET' ? `${provider.siret.slice(0, 13)}${(Number(provider.siret.slice(13)) + 1) % 10}` : provider.siret;
  parts.push(
    '<organisme-formation-responsable numero="1">',
    el('numero-activite', provider.activityNumber),
    `<SIRET-organisme-formation>${el('SIRET', siret)}</SIRET-organisme-formation>`,
    el('nom-organisme', provider.name),
    el('raison-sociale', provider.name),
    `<coordonnees-organisme><coordonnees numero="1">${addressXml(provider.commune.name, provider.commune.postalCodes[0] ?? '', provider.commune.insee, provider.commune.department, provider.commune.region, provider.commune.latitude, provider.commune.longitude, 'Siège')}</coordonnees></coordonnees-organisme>`,
    '<contact-organisme><coordonnees numero="1"><courriel>accueil@organisme.example</courriel></coordonnees></contact-organisme>',
    '</organisme-formation-responsable>',
    '</formation>\n',
  );
  return parts.join('');
}

function actionXml(action: TrainingActionProfile, defect: Defect | undefined): string {
  const place = addressXml(action.commune.name, action.postalCode, action.commune.insee, action.commune.department, action.commune.region, action.latitude, action.longitude, action.addressLine);
  const parts: string[] = [
    `<action numero="${escapeXml(action.id)}">`,
    el('rythme-formation', action.rhythm),
    el('code-public-vise', '83056', ' ref="V12"'),
    el('niveau-entree-obligatoire', 0),
    el('modalites-alternance', '-'),
    el('modalites-enseignement', MODALITY_CODE[action.modality]),
    el('conditions-specifiques', '-'),
    el('prise-en-charge-frais-possible', 1),
    `<lieu-de-formation><coordonnees numero="1">${place}</coordonnees></lieu-de-formation>`,
    el('modalites-entrees-sorties', 0),
  ];
  action.sessions.forEach((session, index) => {
    const start = defect === 'BAD_DATE' && index === 0 ? `${session.start.slice(0, 4)}1345` : session.start;
    parts.push(
      `<session numero="${escapeXml(session.id)}">`,
      `<periode>${el('debut', start)}${el('fin', session.end)}</periode>`,
      `<adresse-inscription>${place}</adresse-inscription>`,
      '</session>',
    );
  });
  if (defect === 'BAD_PRICE') parts.push(el('prix-total-TTC', 'sur devis'));
  else if (action.priceCents !== null) parts.push(el('prix-total-TTC', priceText(action.priceCents)));
  parts.push(el('duree-indicative', `${action.durationHours} heures`), el('nombre-heures-total', action.durationHours), '</action>');
  return parts.join('');
}

/** Carif-Oref feeds write round prices without decimals and others with two. */
function priceText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

function addressXml(city: string, postalCode: string, insee: string, department: string, region: string, latitude: number, longitude: number, line: string): string {
  return [
    '<adresse numero="1">',
    el('ligne', line),
    el('codepostal', postalCode),
    el('ville', city.toUpperCase()),
    el('departement', department),
    el('code-INSEE-commune', insee),
    el('region', region),
    el('pays', 'FR'),
    `<geolocalisation>${el('latitude', latitude)}${el('longitude', longitude)}</geolocalisation>`,
    '</adresse>',
  ].join('');
}
