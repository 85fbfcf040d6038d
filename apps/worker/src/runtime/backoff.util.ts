/** Capped exponential backoff with jitter: 0.5 s, 1 s, 2 s, … up to `maxMs`. */
export function backoffDelay(attempt: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
