/**
 * The texts the rules rest on, one constant per text, so that every parameter row and every
 * explanation cites the same words. `url` is a Légifrance address only where the address (JORF
 * or LEGIARTI id) was read on a stored copy of Légifrance; otherwise null. Secondary sources
 * (professional press, OPCO or Centre Inffo notes) are named as such in `text`.
 */
export interface LegalBasis {
  /** The text, as cited: code, décret or arrêté with its date, or a secondary source named as such. */
  text: string;
  /** The article applied, when one is. */
  article: string | null;
  /** Légifrance address, when confirmed. */
  url: string | null;
}

const code = (article: string): LegalBasis => ({ text: 'Code du travail', article, url: null });

export const TEXTS = {
  // CPF accrual, in euros since 1 January 2019.
  L6323_11: code('L6323-11'),
  L6323_11_1: code('L6323-11-1'),
  R6323_1: code('R6323-1'),
  D6323_3_1: code('D6323-3-1'),
  L6323_27: code('L6323-27'),
  L6323_34: code('L6323-34'),
  L6323_13: code('L6323-13'),
  R6323_3: code('R6323-3'),
  DECRET_2018_1329: { text: 'Décret n° 2018-1329 du 28 décembre 2018 relatif aux montants et aux modalités d\'alimentation du compte personnel de formation', article: null, url: null },
  DECRET_2018_1153: {
    text: 'Décret n° 2018-1153 du 14 décembre 2018 relatif aux modalités de conversion des heures acquises au titre du compte personnel de formation en euros',
    article: null,
    url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037814909',
  },
  // Eligible actions and per-action caps.
  L6323_6: code('L6323-6'),
  LFI_2026_ART_203: { text: 'Loi de finances pour 2026, article 203 (L6323-6 modifié) — secondary source: Centre Inffo, 20 février 2026', article: '203', url: null },
  DECRETS_2026_02_24: {
    text: 'Décret n° 2026-127 du 24 février 2026 (JO du 25 février 2026) fixant les plafonds de droits mobilisables, article D6323-1 A du code du travail, en vigueur le 26 février 2026 — secondary sources: Hexopée, certi-cpf.fr, AS Learning; text not read',
    article: 'D6323-1 A',
    url: null,
  },
  // Participation.
  L6323_4: code('L6323-4'),
  R6323_2: code('R6323-2'),
  DECRET_2024_394: {
    text: 'Décret n° 2024-394 du 29 avril 2024 relatif à la participation obligatoire au financement des formations éligibles au compte personnel de formation',
    article: null,
    url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049486478',
  },
  ARRETE_2024_12_26: { text: 'Arrêté du 26 décembre 2024 (revalorisation de la participation au 1er janvier 2025) — secondary source', article: null, url: null },
  ARRETE_2025_12_30: { text: 'Arrêté du 30 décembre 2025 (revalorisation de la participation au 1er janvier 2026, JO du 1er janvier 2026) — secondary source: Centre Inffo, service-public.fr relays', article: null, url: null },
  L432_12_CSS: { text: 'Code de la sécurité sociale', article: 'L432-12', url: null },
  // C2P.
  L4163_7: code('L4163-7'),
  L4163_8: code('L4163-8'),
  R4163_11_2019: { text: 'Code du travail (version du 1er janvier 2019 au 31 août 2023)', article: 'R4163-11', url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038024777' },
  R4163_11: code('R4163-11'),
  R4163_13: { text: 'Code du travail (décret n° 2017-1768 du 27 décembre 2017) — secondary sources: Centre Inffo, 28 décembre 2017; English translation of the article (french-business-law.com): 20 points reserved, none before 1960, 10 for 1960–1962, except for a retraining project', article: 'R4163-13', url: null },
  DECRET_2018_1256: {
    text: 'Décret n° 2018-1256 du 27 décembre 2018 relatif à l\'utilisation en droits à formation professionnelle des points acquis au titre du compte professionnel de prévention',
    article: null,
    url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037864661',
  },
  DECRET_2023_760: {
    text: 'Décret n° 2023-760 du 10 août 2023 portant application de l\'article 17 de la loi n° 2023-270 du 14 avril 2023 (barème de conversion des points pour la formation)',
    article: null,
    url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047956728',
  },
  LFRSS_2023: { text: 'Loi n° 2023-270 du 14 avril 2023 de financement rectificative de la sécurité sociale pour 2023, article 17; décret n° 2023-759 du 10 août 2023', article: null, url: null },
  // CEC.
  L5151_11: code('L5151-11'),
  D5151_13: code('D5151-13'),
  D5151_14: code('D5151-14'),
} as const satisfies Record<string, LegalBasis>;
