/**
 * Loaders for one request. Each loader is created on first use and lives as long as the
 * request: sharing one across requests would leak one principal's results to another and
 * serve data past its TTL (Redis is the cross-request cache).
 */
export interface LoaderRegistry {
  /** The loader registered under `name`, made by `factory` the first time it is asked for. */
  get<L>(name: string, factory: () => L): L;
}

export function createLoaderRegistry(): LoaderRegistry {
  const loaders = new Map<string, unknown>();
  return {
    get<L>(name: string, factory: () => L): L {
      if (loaders.has(name)) return loaders.get(name) as L;
      const created = factory();
      loaders.set(name, created);
      return created;
    },
  };
}

const byContext = new WeakMap<object, LoaderRegistry>();

/**
 * The registry of a request's context object (the GraphQL context). Kept in a WeakMap so the
 * registry goes away with the context and nothing needs to declare a field for it.
 */
export function loadersOf(context: object): LoaderRegistry {
  let registry = byContext.get(context);
  if (registry === undefined) {
    registry = createLoaderRegistry();
    byContext.set(context, registry);
  }
  return registry;
}
