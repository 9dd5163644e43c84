export * from './codes.js';
export * from './paging.js';
