export * from './env.js';
export * from './defaults.js';
