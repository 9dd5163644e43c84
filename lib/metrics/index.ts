export { registry, counter, gauge, histogram, type MetricSpec, type HistogramSpec } from './registry.js';
