import { randomBytes } from 'node:crypto';
import { DEFAULT_PUBLISH_TIMING } from '@herald/contracts';
import { CredentialsCipher, IntegrationRepository } from '@herald/db';
import type { MediaRef, ProviderId } from '@herald/domain';
import { testEnv } from '@herald/testing';
import { type BenchContext, startBaselineWorker, stopChild } from './bench-context';
import { BASELINE_WORKFLOW, type BaselineInput } from './baseline/baseline.types';
import { MARKER_PATTERN, NETWORKS, createFleet, marker, pool, postItem, publishedByMarker } from './fleet';
import { sleep } from './proc.util';
import { type CpuSnapshot, cpuSnapshot, cpuUsed } from './cpu-account';
import { FirstCallWatch } from './request-watch';
import { type Summary, median, round, summarize } from './stats.util';

/** Instagram allows 100 publishes a day per account; Herald and the baseline each use at most this many. */
const POSTS_PER_ACCOUNT = 45;
/** Herald's check interval in the stack (PUBLISH_CHECK_INTERVAL_MS), used by the baseline too. */
const CHECK_INTERVAL_MS = 500;

interface Lateness {
  /** Until the first network call naming the post, ms after the instant. */
  start: number[];
  /** Until PUBLISHED (Herald: recorded in Postgres; baseline: its workflow closed). */
  done: number[];
  failed: number;
  /** The instant was reached before every post was scheduled (the run does not count). */
  scheduledLate: boolean;
  /** CPU seconds each process used from the instant's approach to the last post's end. */
  cpu?: CpuSnapshot;
}

/**
 * What the sandbox published, by its own record: posts that went out, those that went out twice,
 * and (Herald) those recorded PUBLISHED that it does not list. A few of each are named, so that a
 * run kept with --keep-logs can be followed post by post.
 */
interface AtNetwork {
  published: number;
  twice: number;
  twiceExamples: string[];
  recordedNotListed?: number;
  recordedNotListedExamples?: string[];
}

export interface BurstRun {
  posts: number;
  /** Events, workflow tasks and activities of one post per network (first run of each size). */
  histories?: Record<string, unknown>;
  herald: { start: Summary; done: Summary; failed: number; scheduledLate: boolean; cpu?: CpuSnapshot; network: AtNetwork };
  baseline: { start: Summary; done: Summary; failed: number; scheduledLate: boolean; cpu?: CpuSnapshot; network: AtNetwork };
}

const EXAMPLES = 20;

function atNetwork(seen: Map<string, number>, tag: string): AtNetwork {
  const mine = [...seen].filter(([key]) => key.startsWith(`${tag}-`));
  const twice = mine.filter(([, n]) => n > 1).map(([key]) => key);
  return { published: mine.length, twice: twice.length, twiceExamples: twice.slice(0, EXAMPLES) };
}

/** Herald's posts recorded PUBLISHED whose marker the network does not list. */
function recordedNotListed(seen: Map<string, number>, rows: HeraldRows): Pick<AtNetwork, 'recordedNotListed' | 'recordedNotListedExamples'> {
  const missing = rows
    .filter((r) => r.state === 'PUBLISHED' && !seen.has(MARKER_PATTERN.exec(r.content)?.[1] ?? r.content))
    .map((r) => `${r.integration.provider} post ${r.id} (${MARKER_PATTERN.exec(r.content)?.[1] ?? '?'})`);
  return { recordedNotListed: missing.length, recordedNotListedExamples: missing.slice(0, EXAMPLES) };
}

// temporal.api.enums.v1.EventType values.
const WORKFLOW_TASK_COMPLETED = 7;
const ACTIVITY_TASK_SCHEDULED = 10;

/** One workflow's history: how much Temporal work a post costs. */
async function historyShape(ctx: BenchContext, workflowId: string): Promise<{ events: number; workflowTasks: number; activities: number }> {
  const events = (await ctx.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const count = (type: number) => events.filter((e) => Number(e.eventType) === type).length;
  return { events: events.length, workflowTasks: count(WORKFLOW_TASK_COMPLETED), activities: count(ACTIVITY_TASK_SCHEDULED) };
}

/** Per network, the history of the first post of the burst, for Herald and for the baseline. */
async function histories(ctx: BenchContext, rows: HeraldRows, tag: string): Promise<Record<string, unknown>> {
  const shapes: Record<string, unknown> = {};
  for (const network of NETWORKS) {
    const i = rows.findIndex((r) => r.integration.provider === network);
    if (i < 0) continue;
    shapes[network] = { herald: await historyShape(ctx, `post:${rows[i]!.id}`), baseline: await historyShape(ctx, `baseline:${tag}:${i}`) };
  }
  return shapes;
}

function doneBy(posts: number): number {
  // Generous, and bounded: a run that cannot finish says so rather than waiting forever.
  return Math.max(120_000, posts * 100);
}

function latenessFrom(instant: number, watch: FirstCallWatch, ends: Map<string, number | null>): Lateness {
  const start: number[] = [];
  const done: number[] = [];
  let failed = 0;
  for (const [key, end] of ends) {
    const first = watch.firstCallAt.get(key);
    if (first !== undefined) start.push(first - instant);
    if (end === null) failed++;
    else done.push(end - instant);
  }
  return { start, done, failed, scheduledLate: false };
}

async function heraldBurst(ctx: BenchContext, posts: number, ahead: boolean, tag: string) {
  const fleet = await createFleet(ctx.stack, ctx.db, Math.ceil(posts / NETWORKS.length / POSTS_PER_ACCOUNT));
  const requests = Math.ceil(posts / NETWORKS.length);
  // Leave time to schedule them all (at the API rate measured before, else a cautious guess),
  // plus, `ahead`, Herald's lead (see BenchSizes.burst).
  const leadMs = (ahead ? DEFAULT_PUBLISH_TIMING.leadMs : 0) + 5_000 + (posts / (ctx.apiPostsPerSecond ?? 30)) * 1_300;
  const instant = Date.now() + leadMs;
  const date = new Date(instant).toISOString();
  await pool(requests, 20, async (j) => {
    const org = fleet[j % fleet.length]!;
    const items = NETWORKS.map((n, k) => ({ n, i: j * NETWORKS.length + k }))
      .filter(({ i }) => i < posts)
      .map(({ n, i }) => postItem(org, n, marker(tag, i)));
    const { status, body } = await org.api.request('POST', '/posts', { type: 'schedule', date, posts: items });
    if (status !== 201) throw new Error(`scheduling answered ${status}: ${JSON.stringify(body)}`);
  });
  const scheduledLate = Date.now() > instant;
  ctx.log(`burst ${posts}: Herald's posts scheduled for ${date} (${round((instant - Date.now()) / 1000, 1)} s ahead)`);
  const watch = new FirstCallWatch(ctx.stack.sandboxUrl);
  await watch.start();
  const cpuBefore = cpuSnapshot(ctx);
  const orgIds = fleet.map((f) => f.org.organizationId);
  const deadline = instant + doneBy(posts);
  for (;;) {
    const finished = await ctx.db.post.count({ where: { organizationId: { in: orgIds }, state: { in: ['PUBLISHED', 'ERROR'] } } });
    if (finished >= posts || Date.now() > deadline) break;
    await sleep(500);
  }
  const cpu = cpuUsed(cpuBefore, cpuSnapshot(ctx));
  await watch.stop();
  const rows = await ctx.db.post.findMany({
    where: { organizationId: { in: orgIds } },
    select: { id: true, content: true, state: true, publishedAt: true, media: true, settings: true, organizationId: true, integrationId: true, integration: { select: { provider: true, internalId: true } } },
  });
  const ends = new Map(rows.map((r) => [MARKER_PATTERN.exec(r.content)?.[1] ?? r.content, r.state === 'PUBLISHED' && r.publishedAt ? r.publishedAt.getTime() : null]));
  return { lateness: { ...latenessFrom(instant, watch, ends), scheduledLate, cpu }, rows, fleet };
}

type HeraldRows = Awaited<ReturnType<typeof heraldBurst>>['rows'];

/** The same posts (content, media, settings, accounts) as bare workflows, due at a new instant. */
async function baselineBurst(ctx: BenchContext, rows: HeraldRows, tag: string): Promise<Lateness> {
  const integrations = new IntegrationRepository(ctx.db, new CredentialsCipher(testEnv().encryptionKey));
  const credentials = new Map<string, Awaited<ReturnType<IntegrationRepository['getCredentials']>>>();
  for (const r of rows) {
    if (!credentials.has(r.integrationId)) credentials.set(r.integrationId, await integrations.getCredentials(r.organizationId, r.integrationId));
  }
  const queue = `bench-baseline-${tag}`;
  const worker = await startBaselineWorker(ctx, queue);
  try {
    const leadMs = 5_000 + rows.length * 15;
    const instant = Date.now() + leadMs;
    const inputs: BaselineInput[] = rows.map((r, i) => ({
      ctx: { account: { provider: r.integration.provider as ProviderId, internalId: r.integration.internalId }, credentials: credentials.get(r.integrationId)! },
      post: { postId: `baseline-${tag}-${i}`, content: marker(tag, i), media: r.media as unknown as MediaRef[], settings: r.settings as Record<string, unknown> },
      publishAt: new Date(instant).toISOString(),
      activityQueue: `${queue}-${r.integration.provider === 'instagram-standalone' ? 'instagram' : r.integration.provider}`,
      checkIntervalMs: CHECK_INTERVAL_MS,
    }));
    await pool(inputs.length, 50, (i) =>
      ctx.client.workflow.start(BASELINE_WORKFLOW, { taskQueue: `${queue}-workflows`, workflowId: `baseline:${tag}:${i}`, args: [inputs[i]!] }),
    );
    const scheduledLate = Date.now() > instant;
    const watch = new FirstCallWatch(ctx.stack.sandboxUrl);
    await watch.start();
    const cpuBefore = cpuSnapshot(ctx, { baselineWorker: worker.pid });
    const query = `TaskQueue = '${queue}-workflows' AND ExecutionStatus != 'Running'`;
    const deadline = instant + doneBy(rows.length);
    while (Date.now() < deadline) {
      const { count } = await ctx.client.workflow.count(query);
      if (count >= rows.length) break;
      await sleep(500);
    }
    const cpu = cpuUsed(cpuBefore, cpuSnapshot(ctx, { baselineWorker: worker.pid }));
    await watch.stop();
    const ends = new Map<string, number | null>(inputs.map((_, i) => [`${tag}-${i}`, null]));
    for await (const wf of ctx.client.workflow.list({ query })) {
      const i = wf.workflowId.split(':')[2]!;
      ends.set(`${tag}-${i}`, wf.status.name === 'COMPLETED' && wf.closeTime ? wf.closeTime.getTime() : null);
    }
    return { ...latenessFrom(instant, watch, ends), scheduledLate, cpu };
  } finally {
    await stopChild(worker);
  }
}

export async function burstBench(ctx: BenchContext): Promise<void> {
  const runs: BurstRun[] = [];
  for (const { posts, runs: count, ahead } of ctx.sizes.burst) {
    const mine: BurstRun[] = [];
    for (let r = 0; r < count; r++) {
      const tag = randomBytes(4).toString('hex');
      const herald = await heraldBurst(ctx, posts, ahead, tag);
      const baseline = await baselineBurst(ctx, herald.rows, `${tag}b`);
      // The baseline posted on the same accounts, under markers of its own.
      const seen = await publishedByMarker(ctx.stack, herald.fleet);
      const run: BurstRun = {
        posts,
        histories: r === 0 ? await histories(ctx, herald.rows, `${tag}b`) : undefined,
        herald: { start: summarize(herald.lateness.start), done: summarize(herald.lateness.done), failed: herald.lateness.failed, scheduledLate: herald.lateness.scheduledLate, cpu: herald.lateness.cpu, network: { ...atNetwork(seen, tag), ...recordedNotListed(seen, herald.rows) } },
        baseline: { start: summarize(baseline.start), done: summarize(baseline.done), failed: baseline.failed, scheduledLate: baseline.scheduledLate, cpu: baseline.cpu, network: atNetwork(seen, `${tag}b`) },
      };
      ctx.log(
        `burst ${posts} run ${r + 1}: start p99 ${round(run.herald.start.p99)} ms (baseline ${round(run.baseline.start.p99)}), ` +
          `last published ${round(run.herald.done.max)} ms (baseline ${round(run.baseline.done.max)}), failed ${run.herald.failed}/${run.baseline.failed}, ` +
          `published twice ${run.herald.network.twice}/${run.baseline.network.twice}, ` +
          `recorded PUBLISHED but not listed by the network ${run.herald.network.recordedNotListed}`,
      );
      if (run.herald.network.twice || run.herald.network.recordedNotListed) {
        ctx.log(`burst ${posts} run ${r + 1}: twice ${JSON.stringify(run.herald.network.twiceExamples)}; not listed ${JSON.stringify(run.herald.network.recordedNotListedExamples)}`);
      }
      if (run.histories) ctx.log(`burst ${posts}: histories ${JSON.stringify(run.histories)}`);
      ctx.log(`burst ${posts} run ${r + 1}: CPU seconds Herald ${JSON.stringify(run.herald.cpu)}; baseline ${JSON.stringify(run.baseline.cpu)}`);
      mine.push(run);
      // Kept as each run ends, so that a later failure still leaves them in the result.
      runs.push(run);
      ctx.details.burst = runs;
    }
    addRows(ctx, posts, mine);
  }
}

function addRows(ctx: BenchContext, posts: number, runs: BurstRun[]): void {
  const m = (pick: (r: BurstRun) => number) => median(runs.map(pick)) / 1000;
  const label = `${posts} posts${runs.length > 1 ? `, median of ${runs.length} runs` : ''}`;
  const startP99 = m((r) => r.herald.start.p99);
  const last = m((r) => r.herald.done.max);
  const baseLast = m((r) => r.baseline.done.max);
  const late = runs.some((r) => r.herald.scheduledLate || r.baseline.scheduledLate);
  const unseen = runs.some((r) => r.herald.network.published < posts || r.baseline.network.published < posts);
  // The request log keeps the last 10,000 calls: under a big burst the watch can miss a post's
  // first call (the sandbox's published list still has the post). Say over how many it is.
  const seenStarts = Math.min(...runs.flatMap((r) => [r.herald.start.n, r.baseline.start.n]));
  const startNote = seenStarts < posts ? ` (first calls seen for ${seenStarts} or more of ${posts})` : '';
  ctx.rows.push(
    { bench: 'burst', metric: `${label}: start lateness p50${startNote}`, herald: m((r) => r.herald.start.p50), baseline: m((r) => r.baseline.start.p50), unit: 's' },
    { bench: 'burst', metric: `${label}: start lateness p99`, herald: startP99, baseline: m((r) => r.baseline.start.p99), unit: 's', goal: posts === 1_000 ? '< 2 s' : undefined, met: posts === 1_000 ? startP99 < 2 : undefined },
    { bench: 'burst', metric: `${label}: start lateness max`, herald: m((r) => r.herald.start.max), baseline: m((r) => r.baseline.start.max), unit: 's' },
    { bench: 'burst', metric: `${label}: PUBLISHED lateness p50`, herald: m((r) => r.herald.done.p50), baseline: m((r) => r.baseline.done.p50), unit: 's' },
    { bench: 'burst', metric: `${label}: PUBLISHED lateness p99`, herald: m((r) => r.herald.done.p99), baseline: m((r) => r.baseline.done.p99), unit: 's' },
    { bench: 'burst', metric: `${label}: last post published`, herald: last, baseline: baseLast, unit: 's', goal: '<= 1.5x baseline', met: last <= 1.5 * baseLast },
    {
      bench: 'burst',
      metric: `${label}: failed posts${late ? ' (scheduled after the instant: the run does not count)' : unseen ? ' (a post never reached the network: see JSON)' : ''}`,
      herald: median(runs.map((r) => r.herald.failed)),
      baseline: median(runs.map((r) => r.baseline.failed)),
      unit: '',
    },
    {
      bench: 'burst',
      metric: `${label}: posts published twice (the sandbox's record), most in a run`,
      herald: Math.max(...runs.map((r) => r.herald.network.twice)),
      baseline: Math.max(...runs.map((r) => r.baseline.network.twice)),
      unit: '',
      goal: '0',
      met: runs.every((r) => r.herald.network.twice === 0),
    },
    {
      bench: 'burst',
      metric: `${label}: posts recorded PUBLISHED that the network does not list, most in a run`,
      herald: Math.max(...runs.map((r) => r.herald.network.recordedNotListed ?? 0)),
      unit: '',
      goal: '0',
      met: runs.every((r) => r.herald.network.recordedNotListed === 0),
    },
  );
}
