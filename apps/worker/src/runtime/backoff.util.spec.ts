import { backoffDelay, sleepUnlessAborted } from './backoff.util';

describe(backoffDelay.name, () => {
  it('should double from half a second and stop at the cap', () => {
    const upper = (attempt: number) => backoffDelay(attempt, 15_000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(upper)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
  });

  it('should never wait less than half the step', () => {
    expect(backoffDelay(3, 15_000, () => 0)).toBe(1000);
  });
});

describe(sleepUnlessAborted.name, () => {
  it('should return at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleepUnlessAborted(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
