import { cacheFor } from './ttl-cache.util';

describe(cacheFor.name, () => {
  it('should ask once for callers within the time to live, and again after it', async () => {
    let clock = 0;
    let calls = 0;
    const cached = cacheFor(5_000, async () => ++calls, () => clock);

    const first = await Promise.all([cached(), cached()]);
    clock = 4_999;
    const within = await cached();
    clock = 5_000;
    const after = await cached();

    expect({ first, within, after, calls }).toEqual({ first: [1, 1], within: 1, after: 2, calls: 2 });
  });

  it('should remember a failure for the time to live too, so a dependency that is down is not hammered', async () => {
    let clock = 0;
    const load = jest.fn(async () => {
      throw new Error('Temporal does not answer');
    });
    const cached = cacheFor(5_000, load, () => clock);

    await expect(cached()).rejects.toThrow('Temporal does not answer');
    clock = 1_000;
    await expect(cached()).rejects.toThrow('Temporal does not answer');

    expect(load).toHaveBeenCalledTimes(1);
  });
});
