/**
 * Wraps `load` so that its answer (or its failure) is reused for `ttlMs`, and callers arriving
 * while it runs share the one call: a burst of readiness probes asks Temporal once.
 */
export function cacheFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let entry: { at: number; answer: Promise<T> } | undefined;
  return () => {
    const at = now();
    if (!entry || at - entry.at >= ttlMs) {
      const answer = load();
      // A failure is remembered too; its callers handle it, this copy must not be "unhandled".
      answer.catch(() => undefined);
      entry = { at, answer };
    }
    return entry.answer;
  };
}
