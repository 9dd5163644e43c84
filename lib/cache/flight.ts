/**
 * In-process single flight: concurrent callers for one key share one promise, so 100 misses
 * on a hot key make one lookup and at most one upstream call in this process.
 */
export class SingleFlight {
  private readonly flights = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.flights.get(key);
    if (existing !== undefined) return (await existing) as T;
    const flight = work().finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return await flight;
  }

  /** The flight for `key` if one is running (used by batch lookups to join single ones). */
  peek(key: string): Promise<unknown> | undefined {
    return this.flights.get(key);
  }

  /** Registers a flight whose promise is settled elsewhere (one batch settles many keys). */
  register(key: string, flight: Promise<unknown>): void {
    this.flights.set(key, flight);
    void flight.then(
      () => this.flights.delete(key),
      () => this.flights.delete(key),
    );
  }
}
