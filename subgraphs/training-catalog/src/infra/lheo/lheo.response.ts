import { z } from 'zod';

/**
 * A Carif-Oref LHEO 2.2 `formation` as the streaming parser extracts it: only the elements this
 * subgraph reads, with the feed's own names (camel-cased). Values are raw strings; their meaning
 * (dates `AAAAMMJJ`, prices, SIRET) is checked by the mapper, which skips and counts bad records.
 */
export const lheoAddressSchema = z.object({
  ligne: z.array(z.string()),
  codepostal: z.string().optional(),
  ville: z.string().optional(),
  departement: z.string().optional(),
  codeInseeCommune: z.string().optional(),
  region: z.string().optional(),
  latitude: z.string().optional(),
  longitude: z.string().optional(),
});

export const lheoSessionSchema = z.object({
  numero: z.string().optional(),
  debut: z.string().optional(),
  fin: z.string().optional(),
});

export const lheoActionSchema = z.object({
  numero: z.string().optional(),
  modalitesEnseignement: z.string().optional(),
  prixTotalTTC: z.string().optional(),
  nombreHeuresTotal: z.string().optional(),
  lieuxDeFormation: z.array(lheoAddressSchema),
  sessions: z.array(lheoSessionSchema),
});

export const lheoCertificationSchema = z.object({
  codeRNCP: z.string().optional(),
  codeRS: z.string().optional(),
  codeCERTIFINFO: z.string().optional(),
  /** LHEO `code-CPF`: the code of an action eligible to the CPF without a certification (domain/action-type.ts). */
  codeCPF: z.string().optional(),
});

export const lheoOrganismeSchema = z.object({
  numeroActivite: z.string().optional(),
  siret: z.string().optional(),
  nomOrganisme: z.string().optional(),
  raisonSociale: z.string().optional(),
  adresse: lheoAddressSchema.optional(),
});

export const lheoFormationSchema = z.object({
  numero: z.string().min(1),
  datemaj: z.string().optional(),
  codesFormacode: z.array(z.string()),
  codesRome: z.array(z.string()),
  codesNsf: z.array(z.string()),
  intituleFormation: z.string().optional(),
  objectifFormation: z.string().optional(),
  certifications: z.array(lheoCertificationSchema),
  codeNiveauSortie: z.string().optional(),
  actions: z.array(lheoActionSchema),
  organisme: lheoOrganismeSchema.optional(),
});

export type LheoAddress = z.infer<typeof lheoAddressSchema>;
export type LheoAction = z.infer<typeof lheoActionSchema>;
export type LheoSession = z.infer<typeof lheoSessionSchema>;
export type LheoFormation = z.infer<typeof lheoFormationSchema>;
