import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The registry lives on `globalThis` under a well-known symbol: when a bundler, a test runner or
 * a mixed ESM/CJS graph evaluates this module twice, both copies still expose one registry and
 * the default Node metrics are collected once (prom-client throws on a second registration).
 */
const REGISTRY_SYMBOL = Symbol.for('cpa-graph.metrics.registry');

type GlobalWithRegistry = typeof globalThis & { [REGISTRY_SYMBOL]?: Registry };

function sharedRegistry(): Registry {
  const holder = globalThis as GlobalWithRegistry;
  const existing = holder[REGISTRY_SYMBOL];
  if (existing) return existing;
  const created = new Registry();
  collectDefaultMetrics({ register: created });
  holder[REGISTRY_SYMBOL] = created;
  return created;
}

/** The process-wide registry that `/metrics` endpoints serialise. */
export const registry: Registry = sharedRegistry();

export interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface HistogramSpec<L extends string> extends MetricSpec<L> {
  buckets?: readonly number[];
}

type MetricClass = typeof Counter | typeof Gauge | typeof Histogram;

function existing<M>(name: string, kind: MetricClass, target: Registry): M | undefined {
  const metric = target.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) {
    throw new Error(`Metric ${name} is already registered with another type`);
  }
  return metric as M;
}

/** Returns the counter named `spec.name`, creating it on first use. */
export function counter<L extends string = string>(spec: MetricSpec<L>, target: Registry = registry): Counter<L> {
  return (
    existing<Counter<L>>(spec.name, Counter, target) ??
    new Counter<L>({ name: spec.name, help: spec.help, labelNames: spec.labelNames ?? [], registers: [target] })
  );
}

/** Returns the gauge named `spec.name`, creating it on first use. */
export function gauge<L extends string = string>(spec: MetricSpec<L>, target: Registry = registry): Gauge<L> {
  return (
    existing<Gauge<L>>(spec.name, Gauge, target) ??
    new Gauge<L>({ name: spec.name, help: spec.help, labelNames: spec.labelNames ?? [], registers: [target] })
  );
}

/** Returns the histogram named `spec.name`, creating it on first use. */
export function histogram<L extends string = string>(spec: HistogramSpec<L>, target: Registry = registry): Histogram<L> {
  return (
    existing<Histogram<L>>(spec.name, Histogram, target) ??
    new Histogram<L>({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames ?? [],
      ...(spec.buckets === undefined ? {} : { buckets: [...spec.buckets] }),
      registers: [target],
    })
  );
}
