import { MicroBatch } from './micro-batch';

describe(MicroBatch.name, () => {
  it('should run the calls of one turn together, in chunks of at most `max`, each answered with its own output', async () => {
    const batches: number[][] = [];
    const batch = new MicroBatch(async (items: number[]) => (batches.push(items), items.map((n) => n * 10)), 3);

    const outputs = await Promise.all([1, 2, 3, 4, 5].map((n) => batch.call(n)));

    expect(outputs).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('should run calls of a later turn in a batch of their own', async () => {
    const batches: string[][] = [];
    const batch = new MicroBatch(async (items: string[]) => (batches.push(items), items));

    await batch.call('a');
    await Promise.all([batch.call('b'), batch.call('c')]);

    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('should fail every call of a failed batch, and only those', async () => {
    let fail = true;
    const batch = new MicroBatch(async (items: string[]) => {
      if (fail) throw new Error('Postgres is away');
      return items;
    });

    const failed = await Promise.allSettled([batch.call('a'), batch.call('b')]);
    fail = false;
    const later = await batch.call('c');

    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(later).toBe('c');
  });
});
