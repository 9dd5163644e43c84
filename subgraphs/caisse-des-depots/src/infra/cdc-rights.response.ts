import { z } from 'zod';
import { lenientObject, lenientText } from '../../../../lib/http/index.js';
import { INSEE_COMMUNE_PATTERN } from '../../../../lib/validation/index.js';

/**
 * Payloads of the Caisse des dépôts CPF rights API (upstreams/caissedesdepots/README.md).
 * The client parses with these, and the simulator's contract tests validate its answers with
 * the very same schemas. Money is in euros as decimal numbers (like CDC open data): the mapper
 * turns it into integer cents.
 */
const euros = z.number().finite().refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'at most two decimals');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const regimeCpfSchema = z.enum(['DROIT_COMMUN', 'BAS_NIVEAU_QUALIFICATION', 'TRAVAILLEUR_HANDICAPE', 'TRAVAILLEUR_INDEPENDANT', 'TRAVAILLEUR_ESAT']);
export const facteurSchema = z.enum(['TRAVAIL_DE_NUIT', 'EQUIPES_SUCCESSIVES_ALTERNANTES', 'TRAVAIL_REPETITIF', 'MILIEU_HYPERBARE', 'TEMPERATURES_EXTREMES', 'BRUIT']);
export const typeActiviteCecSchema = z.enum(['BENEVOLAT_ASSOCIATIF', 'SERVICE_CIVIQUE', 'RESERVE_MILITAIRE', 'SAPEUR_POMPIER_VOLONTAIRE', 'MAITRE_APPRENTISSAGE']);
export const usageC2pSchema = z.enum(['FORMATION', 'TEMPS_PARTIEL', 'RETRAITE', 'RECONVERSION']);
export const typeMouvementSchema = z.enum(['CONVERSION_HEURES', 'ALIMENTATION_ACTIVITE', 'ALIMENTATION_CEC', 'ABONDEMENT', 'ACHAT_FORMATION', 'REMBOURSEMENT']);

/**
 * Who the holder is (README § `titulaire`): the birth date (the C2P reserved points depend on it,
 * R4163-13) and the commune of residence (`near` defaults for the worker). Optional and lenient: a
 * record without them, or with a malformed value, keeps its rights and loses only these fields.
 */
export const titulaireSchema = lenientObject(
  z.object({
    dateNaissance: isoDate.nullish().catch(null).transform((value) => value ?? null),
    communeResidence: lenientObject(
      z.object({ codeInsee: z.string().regex(INSEE_COMMUNE_PATTERN), codePostal: lenientText, libelle: z.string().trim().min(1) }),
    ),
  }),
);

export const droitsTitulaireSchema = z.object({
  idTitulaire: z.string().min(1),
  titulaire: titulaireSchema,
  cpf: z.object({
    solde: euros,
    plafond: euros,
    alimentationAnnuelle: euros,
    regime: regimeCpfSchema,
    devise: z.literal('EUR'),
    nombreMouvements: z.number().int().nonnegative(),
    dateDernierMouvement: isoDate.nullable(),
  }),
  c2p: z
    .object({
      pointsAcquis: z.number().int().nonnegative(),
      pointsConsommes: z.number().int().nonnegative(),
      pointsConsommesFormation: z.number().int().nonnegative(),
      pointsDisponibles: z.number().int().nonnegative(),
      facteurs: z.array(facteurSchema),
      acquisitions: z.array(z.object({ annee: z.number().int(), facteur: facteurSchema, points: z.number().int().nonnegative() })),
      utilisations: z.array(z.object({ date: isoDate, usage: usageC2pSchema, points: z.number().int().positive() })),
    })
    .nullable(),
  cec: z
    .object({
      montantAcquis: euros,
      plafond: euros,
      activites: z.array(
        z.object({ annee: z.number().int(), type: typeActiviteCecSchema, organisme: z.string(), heures: z.number().nonnegative(), montantCredite: euros }),
      ),
    })
    .nullable(),
  situation: z.object({ demandeurEmploiInscrit: z.boolean() }),
});
export type DroitsTitulaire = z.infer<typeof droitsTitulaireSchema>;

export const rechercheDroitsSchema = z.object({
  resultats: z.array(droitsTitulaireSchema),
  inconnus: z.array(z.string()),
});
export type RechercheDroits = z.infer<typeof rechercheDroitsSchema>;

export const mouvementSchema = z.object({
  idMouvement: z.string().min(1),
  dateOperation: isoDate,
  type: typeMouvementSchema,
  libelle: z.string(),
  montant: euros,
});

export const pageMouvementsSchema = z.object({
  idTitulaire: z.string(),
  nombreTotal: z.number().int().nonnegative(),
  debut: z.number().int().nonnegative(),
  nombre: z.number().int().positive(),
  mouvements: z.array(mouvementSchema),
});
export type PageMouvements = z.infer<typeof pageMouvementsSchema>;

export const erreurSchema = z.object({ code: z.string(), message: z.string(), champ: z.string().optional() });

export const jetonSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
export const erreurJetonSchema = z.object({ error: z.string(), error_description: z.string().optional() });
