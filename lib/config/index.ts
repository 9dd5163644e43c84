export * from './env.js';
export * from './defaults.js';
export * from './secrets.js';
