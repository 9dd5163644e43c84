/**
 * The Apollo client: one HTTP link to the gateway's /graphql (same origin by default, or
 * VITE_GRAPHQL_URL at build time), the worker's bearer token on each request, and
 * errorPolicy "all" so that a part of the graph that failed (an operator down) leaves the rest
 * of the answer usable — screens show what is missing beside what arrived.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { typePolicies } from './type-policies';

const GRAPHQL_URL: string = import.meta.env['VITE_GRAPHQL_URL'] ?? new URL('../graphql', document.baseURI).pathname;

export function createApolloClient(token: () => string | null): ApolloClient {
  const auth = new SetContextLink((prevContext) => {
    const value = token();
    return value ? { headers: { ...prevContext['headers'], authorization: `Bearer ${value}` } } : {};
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: GRAPHQL_URL })]),
    cache: new InMemoryCache({ typePolicies }),
    defaultOptions: {
      watchQuery: { errorPolicy: 'all', notifyOnNetworkStatusChange: true },
      query: { errorPolicy: 'all' },
    },
  });
}

// Apollo Client 4 types the results by the default error policy once it is declared here.
declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
    }
  }
}
