import { ScrapeCache } from './scrape-cache';

describe(ScrapeCache.name, () => {
  it('should read once per period however many ask, and again after it', async () => {
    let clock = 0;
    const read = jest.fn().mockImplementation(async () => clock);
    const cache = new ScrapeCache(read, { ttlMs: 5_000, timeoutMs: 1_000, now: () => clock });

    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    clock = 4_999;
    const c = await cache.get();
    clock = 5_000;
    const d = await cache.get();

    expect([a, b, c]).toEqual([{ up: true, value: 0 }, { up: true, value: 0 }, { up: true, value: 0 }]);
    expect(d).toEqual({ up: true, value: 5_000 });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('should report a source that fails as down, and not ask it again within the period', async () => {
    const read = jest.fn().mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const cache = new ScrapeCache(read, { ttlMs: 5_000, timeoutMs: 1_000, now: () => 0 });

    expect(await cache.get()).toEqual({ up: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(await cache.get()).toEqual({ up: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('should give up on a source that does not answer in time, so the scrape does not hang', async () => {
    const cache = new ScrapeCache(() => new Promise<number>(() => undefined), { ttlMs: 5_000, timeoutMs: 20 });

    expect(await cache.get()).toEqual({ up: false, error: 'no answer within 20 ms' });
  });
});
