import { z } from 'zod';

const optionalText = z.string().nullable().optional();

/** `salaire` is loosely typed upstream (object or array of objects), text only. */
const salarySchema = z.object({ libelle: optionalText, commentaire: optionalText, complement1: optionalText, complement2: optionalText });

/** One offer of `resultats[]`, also the body of `GET /offres/{id}` (upstreams.md §1.3, §1.5). */
export const offerSchema = z.object({
  id: z.string(),
  intitule: z.string(),
  description: optionalText,
  dateCreation: z.string(),
  dateActualisation: optionalText,
  lieuTravail: z
    .object({
      libelle: z.string(),
      latitude: z.number().nullable().optional(),
      longitude: z.number().nullable().optional(),
      codePostal: optionalText,
      commune: optionalText,
    })
    .optional(),
  romeCode: optionalText,
  romeLibelle: optionalText,
  appellationlibelle: optionalText,
  entreprise: z
    .object({ nom: optionalText, description: optionalText, logo: optionalText, url: optionalText, entrepriseAdaptee: z.boolean().optional(), siret: optionalText })
    .optional(),
  typeContrat: z.string(),
  typeContratLibelle: optionalText,
  natureContrat: optionalText,
  experienceExige: optionalText,
  experienceLibelle: optionalText,
  salaire: z.union([salarySchema, z.array(salarySchema)]).optional(),
  dureeTravailLibelle: optionalText,
  dureeTravailLibelleConverti: optionalText,
  alternance: z.boolean().optional(),
  nombrePostes: z.number().optional(),
  accessibleTH: z.boolean().optional(),
  qualificationCode: optionalText,
  qualificationLibelle: optionalText,
  codeNAF: optionalText,
  secteurActivite: optionalText,
  secteurActiviteLibelle: optionalText,
  origineOffre: z.object({ origine: optionalText, urlOrigine: optionalText }).optional(),
});
export type OfferPayload = z.infer<typeof offerSchema>;

/** `GET /offres/search` body on 200 and 206 (204 has no body). */
export const offerSearchSchema = z.object({
  resultats: z.array(offerSchema),
  filtresPossibles: z
    .array(z.object({ filtre: z.string(), agregation: z.array(z.object({ valeurPossible: z.string(), nbResultats: z.number().int() })) }))
    .optional(),
});
export type OfferSearchPayload = z.infer<typeof offerSearchSchema>;
