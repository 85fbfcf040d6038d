export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The outcome of `work` as a value, so one failed lookup does not sink the others beside it. */
export async function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error };
  }
}
