/**
 * The shell: DSFR header with the main navigation, skip links, the current screen, footer. Without
 * a session it shows the login. On each screen change the focus moves to the screen's title, so
 * keyboard and screen-reader users land on the new content.
 */
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { ROUTES, useRoute, type RoutePath } from './routes';
import { Careers } from './screens/Careers';
import { JobOffers } from './screens/JobOffers';
import { Login } from './screens/Login';
import { Rights } from './screens/Rights';
import { Trainings } from './screens/Trainings';
import { clearSession, loadSession, saveSession, type Session } from './session/session';

const SCREENS: Record<RoutePath, () => JSX.Element> = {
  droits: Rights,
  formations: Trainings,
  reconversion: Careers,
  offres: JobOffers,
};

export function App() {
  const client = useApolloClient();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const login = (next: Session) => {
    saveSession(next);
    setSession(next);
  };
  const logout = () => {
    clearSession();
    setSession(null);
    void client.clearStore();
  };
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route, session]);
  const Screen = SCREENS[route];
  const title = ROUTES.find((item) => item.path === route)?.label ?? '';
  useEffect(() => {
    document.title = session ? `${title} — Mon CPA` : 'Connexion — Mon CPA';
  }, [title, session]);
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" role="navigation" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Contenu
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__brand-top">
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                </div>
                <div className="fr-header__service">
                  <a href="#/droits" title="Accueil — Mon CPA">
                    <p className="fr-header__service-title">Mon CPA</p>
                  </a>
                  <p className="fr-header__service-tagline">Compte personnel d'activité : mes droits, ma formation, mon métier</p>
                </div>
              </div>
              {session && (
                <div className="fr-header__tools">
                  <div className="fr-header__tools-links">
                    <ul className="fr-btns-group">
                      <li>
                        <span className="fr-btn fr-btn--tertiary-no-outline">Connecté : {session.workerId}</span>
                      </li>
                      <li>
                        <button type="button" className="fr-btn fr-btn--secondary" onClick={logout}>
                          Se déconnecter
                        </button>
                      </li>
                    </ul>
                  </div>
                </div>
              )}
            </div>
          </div>
        </div>
        {session && (
          <div className="fr-header__menu mon-cpa-menu">
            <div className="fr-container">
              <nav className="fr-nav" role="navigation" aria-label="Menu principal">
                <ul className="fr-nav__list">
                  {ROUTES.map((item) => (
                    <li className="fr-nav__item" key={item.path}>
                      <a className="fr-nav__link" href={`#/${item.path}`} {...(item.path === route ? { 'aria-current': 'page' as const } : {})}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </div>
        )}
      </header>
      <main id="contenu" role="main" ref={main} className="fr-container fr-py-4w">
        {session ? <Screen /> : <Login onLogin={login} />}
      </main>
      <footer className="fr-footer" role="contentinfo">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Démonstrateur cpa-graph : une seule API GraphQL sur la Caisse des dépôts, France Travail, France compétences, les
                Carif-Oref et Anotéa. Données simulées.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
