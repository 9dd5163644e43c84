/**
 * Log in as one of the development issuer's demo workers. The directory's descriptions are in
 * English (they come from the simulators), so they carry lang="en" for screen readers.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { devLogin, fetchDemoWorkers, type DemoWorker } from '../session/dev-login';
import type { Session } from '../session/session';

export function Login({ onLogin }: { onLogin: (session: Session) => void }) {
  const [workers, setWorkers] = useState<DemoWorker[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    fetchDemoWorkers(abort.signal)
      .then((list) => {
        setWorkers(list);
        setSelected((value) => value || list[0]?.id || '');
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => abort.abort();
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSubmitError(null);
    try {
      onLogin(await devLogin(selected));
    } catch (error) {
      setSubmitError(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1 tabIndex={-1}>Connexion</h1>
        <p>
          En production, la connexion passe par FranceConnect. Cet environnement de développement propose des comptes de
          démonstration : choisissez une situation.
        </p>
        {loadError && (
          <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <p>Les comptes de démonstration sont indisponibles ({loadError}). Le fournisseur d'identité de développement est-il démarré ?</p>
          </div>
        )}
        {!workers && !loadError && <p role="status">Chargement des comptes de démonstration…</p>}
        {workers && (
          <form onSubmit={(event) => void submit(event)}>
            <fieldset className="fr-fieldset" aria-labelledby="workers-legend">
              <legend className="fr-fieldset__legend" id="workers-legend">
                Compte de démonstration
              </legend>
              {workers.map((worker) => (
                <div className="fr-fieldset__element" key={worker.id}>
                  <div className="fr-radio-group">
                    <input
                      type="radio"
                      id={`worker-${worker.id}`}
                      name="worker"
                      value={worker.id}
                      checked={selected === worker.id}
                      onChange={() => setSelected(worker.id)}
                    />
                    <label className="fr-label" htmlFor={`worker-${worker.id}`}>
                      {worker.id} — <span lang="en">{worker.label}</span>
                      <span className="fr-hint-text" lang="en">
                        {worker.why}
                      </span>
                    </label>
                  </div>
                </div>
              ))}
            </fieldset>
            {submitError && (
              <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
                <p>Connexion impossible : {submitError}.</p>
              </div>
            )}
            <button type="submit" className="fr-btn" disabled={busy || !selected}>
              Se connecter
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
