import { DEFAULT_HOST, DEFAULT_PORTS } from '../lib/config/defaults.js';

type SubgraphPortVariable = 'CDC_SUBGRAPH_PORT' | 'FT_SUBGRAPH_PORT' | 'JOB_SEEKERS_SUBGRAPH_PORT' | 'CATALOG_SUBGRAPH_PORT';

/**
 * The subgraphs of the graph: name in the supergraph, folder and SDL file, port and URL variables and
 * default URL. `job-seekers` (a worker's own situation at France Travail) is served by the
 * france-travail process on a port of its own (subgraphs/france-travail/src/main.ts).
 */
export const SUBGRAPHS = [
  { name: 'caisse-des-depots', folder: 'caisse-des-depots', schemaFile: 'schema.graphql', portVariable: 'CDC_SUBGRAPH_PORT', urlVariable: 'CDC_SUBGRAPH_URL' },
  { name: 'france-travail', folder: 'france-travail', schemaFile: 'schema.graphql', portVariable: 'FT_SUBGRAPH_PORT', urlVariable: 'FT_SUBGRAPH_URL' },
  { name: 'job-seekers', folder: 'france-travail', schemaFile: 'job-seekers.graphql', portVariable: 'JOB_SEEKERS_SUBGRAPH_PORT', urlVariable: 'JOB_SEEKERS_SUBGRAPH_URL' },
  { name: 'training-catalog', folder: 'training-catalog', schemaFile: 'schema.graphql', portVariable: 'CATALOG_SUBGRAPH_PORT', urlVariable: 'CATALOG_SUBGRAPH_URL' },
].map((subgraph) => ({
  ...subgraph,
  portVariable: subgraph.portVariable as SubgraphPortVariable,
  defaultUrl: `http://${DEFAULT_HOST}:${DEFAULT_PORTS[subgraph.portVariable as SubgraphPortVariable]}/graphql`,
}));
