import { RateGate } from './rate-gate';

/** A clock that only moves when the gate waits, so that the test counts passes per simulated second. */
function simulated() {
  let now = 0;
  const waits: number[] = [];
  return {
    clock: () => now,
    wait: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
    get now() {
      return now;
    },
    waits,
  };
}

describe(RateGate.name, () => {
  it('should let one second\'s worth through at once, then one every 1/rate seconds', async () => {
    const time = simulated();
    const gate = new RateGate(5, time.clock, time.wait);
    const passedAt: number[] = [];

    for (let i = 0; i < 8; i++) {
      await gate.pass();
      passedAt.push(time.now);
    }

    expect(passedAt.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(passedAt.slice(5)).toEqual([200, 400, 600]);
  });

  it('should refill while idle, but never beyond one second\'s worth', async () => {
    const time = simulated();
    const gate = new RateGate(2, time.clock, time.wait);
    await gate.pass();
    await gate.pass();
    time.advance(10_000);

    await gate.pass();
    await gate.pass();
    const before = time.now;
    await gate.pass();

    expect(time.now - before).toBe(500);
  });

  it('should hold concurrent callers to the rate', async () => {
    const gate = new RateGate(20);
    const started = Date.now();

    await Promise.all(Array.from({ length: 30 }, () => gate.pass()));

    // 20 at once, then 10 more at 20 a second: about half a second, never all at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});
