import { randomBytes } from 'node:crypto';
import type { BenchContext } from './bench-context';
import { NETWORKS, createFleet, marker, pool, postItem } from './fleet';
import { childPids, rssMiB, sqliteMiB } from './proc.util';
import { round, summarize } from './stats.util';

const DAY_MS = 86_400_000;
const MONTH_QUERIES = 30;

/**
 * 100,000 posts waiting over the next 30 days (`orgs` organizations of 5,000 each, one group of
 * three posts per request), capped at `maxMs`; then the processes' memory, the databases'
 * sizes, and one organization's month through GET /posts (Postiz's calendar query).
 */
export async function scaleBench(ctx: BenchContext): Promise<void> {
  const sizes = ctx.sizes.scale;
  if (!sizes) return;
  const tag = randomBytes(4).toString('hex');
  const fleet = await createFleet(ctx.stack, ctx.db, sizes.orgs);
  const requests = Math.ceil(sizes.posts / NETWORKS.length);
  const started = Date.now();
  const stopAt = started + sizes.maxMs;
  let created = 0;
  // The organization whose month is queried gets its share first, so that it holds its 5,000
  // posts even when the cap stops the others short (round-robin gave it ~2,000 in 6 minutes).
  const perOrg = Math.ceil(requests / fleet.length);
  const orgOf = (j: number) => (j < perOrg || fleet.length === 1 ? fleet[0]! : fleet[1 + ((j - perOrg) % (fleet.length - 1))]!);
  await pool(requests, 16, async (j) => {
    if (Date.now() > stopAt) return;
    const org = orgOf(j);
    // Spread over the month, at least an hour ahead so that none falls due during the bench.
    const date = new Date(started + 3_600_000 + ((j * 7919) % requests) * ((30 * DAY_MS - 7_200_000) / requests)).toISOString();
    const items = NETWORKS.map((n, k) => postItem(org, n, marker(tag, j * NETWORKS.length + k)));
    const { status } = await org.api.request('POST', '/posts', { type: 'schedule', date, posts: items });
    if (status === 201) created += items.length;
    if (j % 3_000 === 0) ctx.log(`scale: ${created} posts created`);
  });
  const createS = (Date.now() - started) / 1000;
  const month = fleet[0]!;
  const monthPosts = await ctx.db.post.count({ where: { organizationId: month.org.organizationId } });
  const from = new Date(started).toISOString();
  const to = new Date(started + 31 * DAY_MS).toISOString();
  const queryMs: number[] = [];
  let returned = 0;
  for (let i = 0; i < MONTH_QUERIES; i++) {
    const t = performance.now();
    const { status, body } = await month.api.request<{ posts: unknown[] }>('GET', `/posts?startDate=${encodeURIComponent(from)}&endDate=${encodeURIComponent(to)}`);
    queryMs.push(performance.now() - t);
    if (status === 200) returned = body.posts.length;
  }
  const q = summarize(queryMs);
  const temporalPid = childPids(ctx.temporal.pid)[0];
  const [dbSize] = await ctx.db.$queryRaw<Array<{ size: bigint }>>`SELECT pg_database_size(current_database()) AS size`;
  const size = dbSize?.size ?? 0n;
  const memory = { apiMiB: rssMiB(ctx.stack.api.pid), workerMiB: rssMiB(ctx.stack.worker.pid), sandboxMiB: rssMiB(ctx.stack.sandboxProcess.pid), temporalMiB: rssMiB(temporalPid) };
  const waiting = await ctx.db.post.count({ where: { state: 'QUEUE' } });
  ctx.details.scale = { created, createS, capped: created < sizes.posts, waiting, memory, postgresMiB: Number(size) / 2 ** 20, temporalSqliteMiB: sqliteMiB(ctx.temporal.dbFile), monthPosts, returned, monthQueryMs: q };
  ctx.log(`scale: ${created} posts in ${round(createS, 0)} s; worker ${round(memory.workerMiB, 0)} MiB; month query p99 ${round(q.p99, 0)} ms`);
  ctx.rows.push(
    { bench: 'scale', metric: `posts created (cap ${sizes.maxMs / 60_000} min)`, herald: created, unit: '' },
    { bench: 'scale', metric: 'time to create them', herald: createS, unit: 's' },
    { bench: 'scale', metric: `RSS of the worker, ${waiting} posts waiting`, herald: memory.workerMiB, unit: 'MiB', goal: '< 300 MB (286 MiB)', met: memory.workerMiB * 1.048576 < 300 },
    { bench: 'scale', metric: 'RSS of the API', herald: memory.apiMiB, unit: 'MiB' },
    { bench: 'scale', metric: 'RSS of the Temporal server', herald: memory.temporalMiB, unit: 'MiB' },
    { bench: 'scale', metric: 'Postgres database', herald: Number(size) / 2 ** 20, unit: 'MiB' },
    { bench: 'scale', metric: 'Temporal SQLite database', herald: sqliteMiB(ctx.temporal.dbFile), unit: 'MiB' },
    { bench: 'scale', metric: `month query (${returned} posts), p50`, herald: q.p50, unit: 'ms' },
    { bench: 'scale', metric: `month query, p99 of ${MONTH_QUERIES}`, herald: q.p99, unit: 'ms', goal: '< 100 ms', met: q.p99 < 100 },
  );
}
