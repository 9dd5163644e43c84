/**
 * Entry point of "Mon CPA": the DSFR stylesheet (bundled by Vite, fonts included — no CDN), one
 * Apollo client for the whole app, and the app.
 */
import '@gouvfr/dsfr/dist/dsfr.min.css';
import './app.css';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo';
import { App } from './App';
import { loadSession } from './session/session';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The token is read on every request, so logging in or out needs no new client.
const client = createApolloClient(() => loadSession()?.token ?? null);

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
