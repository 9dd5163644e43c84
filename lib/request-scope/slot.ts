import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One AsyncLocalStorage for everything a request carries through its async work: the request id
 * and stale log (lib/logging), the budget (lib/budget) and the source log (lib/provenance) each
 * own a slot of it instead of a storage of their own. On Node 20 every AsyncLocalStorage in use
 * copies its store onto every promise the process creates, so each extra storage is paid per
 * promise: `_propagate` was ~24 µs of the gateway's CPU per dashboard request with three.
 *
 * A slot's `run` starts a scope holding the enclosing scope's other slots and this slot's new
 * value (so nesting works as with separate storages); `get` reads the innermost value, or
 * undefined outside any scope that set it.
 */
export interface Slot<T> {
  run<R>(value: T, fn: () => R): R;
  get(): T | undefined;
}

type Scope = Readonly<Partial<Record<symbol, unknown>>>;

const storage = new AsyncLocalStorage<Scope>();

export function slot<T>(name: string): Slot<T> {
  const key = Symbol(name);
  return {
    run: (value, fn) => storage.run({ ...storage.getStore(), [key]: value }, fn),
    // The value under this slot's own symbol was set by its own `run`, with type T.
    get: () => storage.getStore()?.[key] as T | undefined,
  };
}
