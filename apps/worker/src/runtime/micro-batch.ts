/**
 * Gathers the calls made in one turn of the event loop into one call of `run`, `max` at a time.
 * Posts held for one instant all wake in the same turn: one statement for all of them costs one
 * round trip and one commit instead of one each. A failed batch fails each of its calls.
 */
export class MicroBatch<I, O> {
  private pending: Array<{ item: I; resolve: (output: O) => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly max = 200,
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const calls = this.pending;
    this.pending = [];
    for (let i = 0; i < calls.length; i += this.max) {
      const chunk = calls.slice(i, i + this.max);
      this.run(chunk.map((c) => c.item)).then(
        (outputs) => chunk.forEach((c, j) => (j < outputs.length ? c.resolve(outputs[j]!) : c.reject(new Error('the batch answered fewer items than asked')))),
        (error: unknown) => chunk.forEach((c) => c.reject(error)),
      );
    }
  }
}
