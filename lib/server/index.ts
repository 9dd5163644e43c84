export * from './http.js';
export * from './subgraph.js';
export * from './metrics-plugin.js';
export * from './drain.js';
export * from './metrics-server.js';
