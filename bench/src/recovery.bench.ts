import { randomBytes } from 'node:crypto';
import type { BenchContext } from './bench-context';
import { NETWORKS, createFleet, marker, pool, postItem, publishedByMarker } from './fleet';
import { sleep } from './proc.util';
import { round } from './stats.util';

/**
 * `posts` posts wait; the Temporal server and the worker are SIGKILLed, the posts fall due while
 * they are down, and both are started again. Measured: from the restart to the last post
 * published, and whether any post reached the network twice (the sandbox keeps what it published).
 */
export async function recoveryBench(ctx: BenchContext): Promise<void> {
  const { posts } = ctx.sizes.recovery;
  const tag = randomBytes(4).toString('hex');
  const fleet = await createFleet(ctx.stack, ctx.db, Math.ceil(posts / NETWORKS.length / 90));
  const instant = Date.now() + 6_000 + (posts / (ctx.apiPostsPerSecond ?? 30)) * 1_300;
  const date = new Date(instant).toISOString();
  await pool(Math.ceil(posts / NETWORKS.length), 20, async (j) => {
    const org = fleet[j % fleet.length]!;
    const items = NETWORKS.map((n, k) => ({ n, i: j * NETWORKS.length + k }))
      .filter(({ i }) => i < posts)
      .map(({ n, i }) => postItem(org, n, marker(tag, i)));
    const { status } = await org.api.request('POST', '/posts', { type: 'schedule', date, posts: items });
    if (status !== 201) throw new Error(`scheduling answered ${status}`);
  });
  if (Date.now() > instant - 1_000) throw new Error('the posts were not all scheduled before they fell due');

  await Promise.all([ctx.stack.worker.kill(), ctx.temporal.kill()]);
  ctx.log(`recovery: Temporal and the worker killed with ${posts} posts waiting; they fall due at ${date}`);
  await sleep(Math.max(0, instant - Date.now()) + 2_000);

  const restarted = Date.now();
  await ctx.temporal.start();
  const temporalReadyMs = Date.now() - restarted;
  ctx.stack.worker.start();
  const orgIds = fleet.map((f) => f.org.organizationId);
  const deadline = restarted + Math.max(120_000, posts * 60);
  let finished = 0;
  while (Date.now() < deadline) {
    finished = await ctx.db.post.count({ where: { organizationId: { in: orgIds }, state: { in: ['PUBLISHED', 'ERROR'] } } });
    if (finished >= posts) break;
    await sleep(500);
  }
  const rows = await ctx.db.post.findMany({ where: { organizationId: { in: orgIds } }, select: { state: true, publishedAt: true } });
  const published = rows.filter((r) => r.state === 'PUBLISHED' && r.publishedAt);
  const last = published.length ? Math.max(...published.map((r) => r.publishedAt!.getTime())) : Number.NaN;
  const seen = await publishedByMarker(ctx.stack, fleet);
  const doubles = [...seen.values()].filter((n) => n > 1).length;
  const recoveryS = (last - restarted) / 1000;
  ctx.details.recovery = { posts, temporalReadyMs, published: published.length, failed: rows.length - published.length, atNetwork: seen.size, doubles, recoveryS, lastAfterInstantS: (last - instant) / 1000 };
  ctx.log(`recovery: ${published.length}/${posts} published ${round(recoveryS, 1)} s after the restart; ${doubles} published twice`);
  ctx.rows.push(
    { bench: 'recovery', metric: `${posts} due posts: restart to last published`, herald: recoveryS, unit: 's' },
    { bench: 'recovery', metric: 'of which Temporal server start', herald: temporalReadyMs / 1000, unit: 's' },
    { bench: 'recovery', metric: 'posts published / not published in time', herald: published.length, unit: `/ ${rows.length - published.length}` },
    { bench: 'recovery', metric: 'posts published twice', herald: doubles, unit: '', goal: '0', met: doubles === 0 && published.length === posts },
  );
}
