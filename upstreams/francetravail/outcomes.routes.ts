import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { departmentName } from '../data/territories.js';
import type { World } from '../data/world.js';
import { hash32 } from './geo.js';
import type { Guard } from './guard.js';


const requestSchema = z.object({
  codeTypeTerritoire: z.enum(['DEP']),
  codeTerritoire: z.string(),
  codeTypeActivite: z.enum(['FORM14', 'ROME']),
  codeActivite: z.string(),
  codeTypePeriode: z.enum(['TRIMESTRE']).default('TRIMESTRE'),
  codeTypeNomenclature: z.string().optional(),
});

/** The last `count` quarters before `today`, newest first, as `2025T4`. */
function quarters(today: Date, count: number): string[] {
  let year = today.getUTCFullYear();
  let quarter = Math.floor(today.getUTCMonth() / 3); // the current quarter is not closed yet
  const out: string[] = [];
  while (out.length < count) {
    if (quarter === 0) {
      year -= 1;
      quarter = 4;
    }
    out.push(`${year}T${quarter}`);
    quarter -= 1;
  }
  return out;
}

/**
 * « Sortants de formation et accès à l'emploi » (upstreams.md §4.3). The activity is a Formacode
 * under `codeTypeActivite: FORM14` (or a ROME code under `ROME`); figures are derived from a hash
 * of (territory, activity) so they are stable; about one key in eight has no data and answers 404.
 */
export function registerOutcomeRoutes(app: FastifyInstance, world: World, today: Date, guard: Guard): void {
  app.post('/partenaire/stats-entrees-sorties-formations/v1/indicateur/stat-acces-emploi-sorties-formation', { preHandler: guard('stats') }, async (request, reply) => {
    const parsed = requestSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ message: 'Corps de requête invalide.' });
    const body = parsed.data;
    const territory = departmentName.get(body.codeTerritoire);
    const activityKnown = body.codeTypeActivite === 'FORM14' ? world.refs.formacodeByCode.has(body.codeActivite) : world.refs.romeByCode.has(body.codeActivite);
    const seed = hash32(`${body.codeTerritoire}:${body.codeTypeActivite}:${body.codeActivite}`);
    if (!territory || !activityKnown || seed % 8 === 0) return reply.code(404).send({ message: 'Aucune donnée disponible pour ces critères.' });
    const values = quarters(today, 4).map((period, index) => {
      const mix = hash32(`${seed}:${index}`);
      return {
        codePeriode: period,
        libPeriode: `${period.slice(5)}e trimestre ${period.slice(0, 4)}`,
        codeTypeTerritoire: 'DEP',
        codeTerritoire: body.codeTerritoire,
        libTerritoire: territory,
        valeurPrincipaleTaux: Math.round((35 + (mix % 450) / 10) * 10) / 10,
        valeurPrincipaleNombre: 10 + (mix % 390),
        valeurPrincipaleDecimale: null,
        valeurPrincipalePourcentage: null,
        valeurSecondaireTaux: null,
        valeurSecondairePourcentage: null,
      };
    });
    return reply.send({
      libIndicateur: "Taux d'accès à l'emploi 6 mois après la sortie de formation",
      libTerritoire: territory,
      listeValeursParPeriode: values,
    });
  });
}
