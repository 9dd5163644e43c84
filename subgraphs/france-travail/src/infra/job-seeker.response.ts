import { z } from 'zod';

const text = z.string().nullable().optional();

/**
 * API Particulier v3 France Travail status (upstreams.md §2), plus the simulator's documented
 * additions (`categorie_statistique`, `metier_recherche`, `indemnisation`), optional so the
 * recorded payload parses too.
 */
export const jobSeekerStatusSchema = z.object({
  data: z.object({
    identifiant: z.string(),
    identite: z.object({ nom_naissance: text, prenom: text, date_naissance: text }).optional(),
    adresse: z.object({ code_cog_insee_commune: text, code_postal: text, localite: text }).nullable().optional(),
    inscription: z.object({
      date_debut: z.string().nullable(),
      date_fin: z.string().nullable().optional(),
      categorie: z.object({ code: z.number().int(), libelle: z.string() }).nullable().optional(),
      categorie_statistique: z.enum(['A', 'B', 'C', 'D', 'E']).optional(),
    }),
    metier_recherche: z.object({ code_rome: z.string(), libelle: z.string().nullable() }).nullable().optional(),
    indemnisation: z
      .object({ allocation: z.string(), montant_journalier_brut: z.number(), date_fin_droits: z.string().nullable() })
      .nullable()
      .optional(),
  }),
});
export type JobSeekerStatusPayload = z.infer<typeof jobSeekerStatusSchema>;

/** API Particulier error body (404 « Entité non trouvée », 400…). */
export const particulierErrorSchema = z.object({
  errors: z.array(z.object({ code: z.string(), title: z.string(), detail: z.string(), source: z.object({ parameter: z.string().optional() }).nullish().catch(null) })).min(1),
});
