/** A source as the last scrape saw it: its value, or why it could not be read. */
export type Reading<T> = { up: true; value: T } | { up: false; error: string };

/**
 * Reads a source at most once per `ttlMs`, however many gauges and scrapers ask (concurrent
 * asks share one read), and gives up after `timeoutMs` so that a hung dependency cannot hang
 * the scrape. A failed read is cached too: a dependency that is down is not hammered.
 */
export class ScrapeCache<T> {
  private last: { at: number; reading: Promise<Reading<T>> } | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly options: { ttlMs: number; timeoutMs: number; now?: () => number },
  ) {}

  get(): Promise<Reading<T>> {
    const now = (this.options.now ?? Date.now)();
    if (this.last && now - this.last.at < this.options.ttlMs) return this.last.reading;
    const reading = this.readWithTimeout();
    this.last = { at: now, reading };
    return reading;
  }

  private async readWithTimeout(): Promise<Reading<T>> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        this.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
        }),
      ]);
      return { up: true, value };
    } catch (error) {
      return { up: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
