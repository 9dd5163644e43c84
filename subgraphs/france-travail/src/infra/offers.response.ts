import { z } from 'zod';
import { lenientBoolean, lenientNumber, lenientObject, lenientText, requiredText, tolerantList } from '../../../../lib/http/index.js';

/**
 * France Travail Offres d'emploi v2 (upstreams.md §1.3, §1.5). Essential: `id` and `intitule`;
 * everything else may be absent, null or of another type (the collected payloads have offers
 * without `dateCreation`, `lieuTravail` or `entreprise`, `latitude: ""`, `typeContrat: ""`).
 * `entreprise.siret` is not in the official v2 schema; a few partners' fixtures carry it.
 */
const salarySchema = z.object({ libelle: lenientText, commentaire: lenientText, complement1: lenientText, complement2: lenientText });

export const offerSchema = z.object({
  id: requiredText,
  intitule: requiredText,
  description: lenientText,
  dateCreation: lenientText,
  dateActualisation: lenientText,
  lieuTravail: lenientObject(
    z.object({ libelle: lenientText, latitude: lenientNumber, longitude: lenientNumber, codePostal: lenientText, commune: lenientText }),
  ),
  romeCode: lenientText,
  romeLibelle: lenientText,
  appellationlibelle: lenientText,
  entreprise: lenientObject(
    z.object({ nom: lenientText, description: lenientText, logo: lenientText, url: lenientText, entrepriseAdaptee: lenientBoolean, siret: lenientText }),
  ),
  typeContrat: lenientText,
  typeContratLibelle: lenientText,
  natureContrat: lenientText,
  experienceExige: lenientText,
  experienceLibelle: lenientText,
  salaire: lenientObject(z.union([salarySchema, z.array(salarySchema)])),
  dureeTravailLibelle: lenientText,
  dureeTravailLibelleConverti: lenientText,
  alternance: lenientBoolean,
  nombrePostes: lenientNumber,
  accessibleTH: lenientBoolean,
  qualificationCode: lenientText,
  qualificationLibelle: lenientText,
  codeNAF: lenientText,
  secteurActivite: lenientText,
  secteurActiviteLibelle: lenientText,
  origineOffre: lenientObject(z.object({ origine: lenientText, urlOrigine: lenientText })),
});
export type OfferPayload = z.infer<typeof offerSchema>;

const aggregationSchema = z.object({ valeurPossible: lenientText, nbResultats: lenientNumber });

/** `GET /offres/search` body on 200 and 206 (204 has no body). A bad offer is dropped, not the page. */
export const offerSearchSchema = z.object({
  resultats: tolerantList(offerSchema),
  filtresPossibles: tolerantList(z.object({ filtre: lenientText, agregation: tolerantList(aggregationSchema) })),
});
export type OfferSearchPayload = z.infer<typeof offerSearchSchema>;
