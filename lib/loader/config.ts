import { bool, parseEnv, type EnvSource } from '../config/index.js';

export interface LoaderSettings {
  /** `false` (LOADER_BATCH=false): each key is its own batch-function call — the benchmark's "batching off" column. */
  batch: boolean;
}

export function parseLoaderConfig(env?: EnvSource): LoaderSettings {
  return { batch: parseEnv({ LOADER_BATCH: bool(true) }, env).LOADER_BATCH };
}

let fromProcess: LoaderSettings | undefined;

/**
 * Loaders are created per request, so the environment is parsed on first use and kept: the
 * process reads its configuration once, and a wrong value still fails naming the variable.
 */
export function loaderSettings(): LoaderSettings {
  fromProcess ??= parseLoaderConfig();
  return fromProcess;
}
