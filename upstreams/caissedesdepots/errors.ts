import type { FastifyReply } from 'fastify';

/** Error bodies of the CPF rights API: `{ code, message, champ? }`, in French (README.md § Erreurs). */
export type CodeErreur = 'REQUETE_INVALIDE' | 'JETON_INVALIDE' | 'DROIT_INSUFFISANT' | 'TITULAIRE_INCONNU' | 'QUOTA_DEPASSE' | 'ERREUR_INTERNE';

const STATUS: Record<CodeErreur, number> = {
  REQUETE_INVALIDE: 400,
  JETON_INVALIDE: 401,
  DROIT_INSUFFISANT: 403,
  TITULAIRE_INCONNU: 404,
  QUOTA_DEPASSE: 429,
  ERREUR_INTERNE: 500,
};

export function erreur(reply: FastifyReply, code: CodeErreur, message: string, champ?: string): FastifyReply {
  if (code === 'JETON_INVALIDE') reply.header('www-authenticate', 'Bearer realm="cpa", error="invalid_token"');
  return reply.code(STATUS[code]).send({ code, message, ...(champ === undefined ? {} : { champ }) });
}
