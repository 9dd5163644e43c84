export * from './principal.js';
export * from './claims.js';
export * from './verifier.js';
export * from './config.js';
export * from './consent-client.js';
export * from './policy.js';
export * from './audit.js';
export * from './audit-sinks.js';
