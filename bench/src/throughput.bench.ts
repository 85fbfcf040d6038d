import { randomBytes } from 'node:crypto';
import type { BenchContext } from './bench-context';
import { IDLE_WORKFLOW } from './baseline/baseline.types';
import { NETWORKS, createFleet, marker, pool, postItem } from './fleet';
import { median, round, summarize } from './stats.util';

interface Round {
  perSecond: number;
  latenciesMs: number[];
  errors: number;
}

async function timed(requests: number, concurrency: number, call: (index: number) => Promise<boolean>): Promise<Round> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  await pool(requests, concurrency, async (i) => {
    const t = performance.now();
    const ok = await call(i).catch(() => false);
    latenciesMs.push(performance.now() - t);
    if (!ok) errors++;
  });
  return { perSecond: requests / ((performance.now() - started) / 1000), latenciesMs, errors };
}

/**
 * POST /api/public/v1/posts, one post per request (a week ahead, rotating over the three
 * networks), from `concurrency` clients at once; against the bare `workflow.start` of the same
 * server, from as many concurrent callers. Rounds alternate between the two.
 */
export async function throughputBench(ctx: BenchContext): Promise<void> {
  const { rounds, requests, concurrency } = ctx.sizes.throughput;
  const fleet = await createFleet(ctx.stack, ctx.db, 3);
  const tag = randomBytes(4).toString('hex');
  const date = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const herald: Round[] = [];
  const bare: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    bare.push(
      await timed(requests, concurrency, async (i) => {
        await ctx.client.workflow.start(IDLE_WORKFLOW, { taskQueue: `bench-idle-${tag}`, workflowId: `idle:${tag}:${r}:${i}` });
        return true;
      }),
    );
    herald.push(
      await timed(requests, concurrency, async (i) => {
        const org = fleet[i % fleet.length]!;
        const network = NETWORKS[Math.floor(i / fleet.length) % NETWORKS.length]!;
        const { status } = await org.api.request('POST', '/posts', { type: 'schedule', date, posts: [postItem(org, network, marker(tag, r * requests + i))] });
        return status === 201;
      }),
    );
    ctx.log(`throughput round ${r + 1}: Herald ${round(herald.at(-1)!.perSecond, 1)}/s, bare workflow.start ${round(bare.at(-1)!.perSecond, 1)}/s`);
  }
  const h = summarize(herald.flatMap((x) => x.latenciesMs));
  const b = summarize(bare.flatMap((x) => x.latenciesMs));
  const heraldRate = median(herald.map((x) => x.perSecond));
  const bareRate = median(bare.map((x) => x.perSecond));
  const errors = herald.reduce((n, x) => n + x.errors, 0);
  ctx.apiPostsPerSecond = heraldRate;
  ctx.details.throughput = { rounds, requests, concurrency, herald: herald.map(({ perSecond, errors: e }) => ({ perSecond, errors: e })), bare: bare.map(({ perSecond }) => ({ perSecond })), heraldLatencyMs: h, bareLatencyMs: b };
  ctx.rows.push(
    { bench: 'scheduling', metric: `posts created per second, ${concurrency} clients (median of ${rounds} rounds)`, herald: heraldRate, baseline: bareRate, unit: '/s', goal: '>= 70% of bare', met: heraldRate >= 0.7 * bareRate },
    { bench: 'scheduling', metric: 'latency p50', herald: h.p50, baseline: b.p50, unit: 'ms' },
    { bench: 'scheduling', metric: 'latency p99', herald: h.p99, baseline: b.p99, unit: 'ms', goal: '< 100 ms', met: h.p99 < 100 },
    { bench: 'scheduling', metric: 'failed requests', herald: errors, unit: '' },
  );
}
