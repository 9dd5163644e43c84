export * from './http.js';
export * from './subgraph.js';
export * from './metrics-plugin.js';
