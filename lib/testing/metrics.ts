/**
 * Sum of a metric's samples on a Prometheus /metrics page (a process's loopback listener), optionally
 * only those whose label set contains `labels` (e.g. `outcome="hit"`). 0 when the metric is absent.
 * Tests count mechanisms with it (fetches, cache hits), never time them.
 */
export async function metricSum(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(url)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => line.includes(labels))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}
