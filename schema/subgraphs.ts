import { DEFAULT_HOST, DEFAULT_PORTS } from '../lib/config/defaults.js';

/** The subgraphs of the graph: name in the supergraph, folder, port variable and default URL. */
export const SUBGRAPHS = [
  { name: 'caisse-des-depots', folder: 'caisse-des-depots', portVariable: 'CDC_SUBGRAPH_PORT', urlVariable: 'CDC_SUBGRAPH_URL' },
  { name: 'france-travail', folder: 'france-travail', portVariable: 'FT_SUBGRAPH_PORT', urlVariable: 'FT_SUBGRAPH_URL' },
  { name: 'training-catalog', folder: 'training-catalog', portVariable: 'CATALOG_SUBGRAPH_PORT', urlVariable: 'CATALOG_SUBGRAPH_URL' },
].map((subgraph) => ({
  ...subgraph,
  portVariable: subgraph.portVariable as 'CDC_SUBGRAPH_PORT' | 'FT_SUBGRAPH_PORT' | 'CATALOG_SUBGRAPH_PORT',
  defaultUrl: `http://${DEFAULT_HOST}:${DEFAULT_PORTS[subgraph.portVariable as 'CDC_SUBGRAPH_PORT']}/graphql`,
}));
