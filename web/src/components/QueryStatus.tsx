/**
 * The loading and error states every request shows. `part` names what the request brings
 * ("le solde de mon CPF — Caisse des dépôts"), so a failing operator is named and the rest of the
 * page stays usable. Partial answers (errorPolicy "all") list the parts that are missing.
 */
import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';

const CODE_TEXT: Record<string, string> = {
  UPSTREAM_UNAVAILABLE: 'le service partenaire ne répond pas',
  UPSTREAM_TIMEOUT: "le service partenaire n'a pas répondu à temps",
  RATE_LIMITED: 'trop de demandes, réessayez dans un instant',
  UNAUTHENTICATED: 'votre session a expiré, reconnectez-vous',
  FORBIDDEN: "vous n'avez pas accès à ces données",
  BAD_USER_INPUT: 'la recherche est invalide',
};

/** French explanation of an error: the codes the gateway documents, else a generic sentence. */
export function explainError(error: ErrorLike): string {
  if (CombinedGraphQLErrors.is(error)) {
    const texts = error.errors.map((item) => {
      const code = typeof item.extensions?.['code'] === 'string' ? item.extensions['code'] : '';
      const known = CODE_TEXT[code];
      return code === 'BAD_USER_INPUT' ? `${known} : ${item.message}` : known ?? 'erreur inattendue';
    });
    return [...new Set(texts)].join(' ; ');
  }
  return 'le serveur est injoignable';
}

export function Loading({ part }: { part: string }) {
  return (
    <p className="fr-text--sm mon-cpa-loading" role="status">
      Chargement de {part}…
    </p>
  );
}

export function QueryError({ part, error, retry }: { part: string; error: ErrorLike; retry?: () => void }) {
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
      <p>
        <strong>{part[0]?.toUpperCase() + part.slice(1)} indisponible</strong> : {explainError(error)}. Le reste de la page reste
        utilisable.
      </p>
      {retry && (
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" onClick={() => retry()}>
          Réessayer
        </button>
      )}
    </div>
  );
}

/** Renders `children` with the data; the loading or error state instead when there is none. */
export function QueryStatus<T>(props: {
  part: string;
  loading: boolean;
  error: ErrorLike | undefined;
  data: T | undefined | null;
  retry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const { part, loading, error, data, retry, children } = props;
  if (data) {
    return (
      <>
        {error && <QueryError part={`une partie de ${part}`} error={error} {...(retry ? { retry } : {})} />}
        {children(data)}
      </>
    );
  }
  if (loading) return <Loading part={part} />;
  if (error) return <QueryError part={part} error={error} {...(retry ? { retry } : {})} />;
  return null;
}
