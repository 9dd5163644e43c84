export { createLoader, type ArrayBatchFn, type LoaderOptions, type MapBatchFn } from './loader.js';
export { createLoaderRegistry, loadersOf, type LoaderRegistry } from './registry.js';
export { parseLoaderConfig, type LoaderSettings } from './config.js';
