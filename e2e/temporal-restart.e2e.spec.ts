// The Temporal server goes away while posts wait, and comes back from its database file. A post
// its worker already holds for its time is published at that time, Temporal or not; a post
// whose wake-up fell in the outage is published at the restart; a later one at its time; each
// exactly once.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { publishStatusQuery } from '@herald/contracts';
import {
  type HeraldStack,
  type IsolatedDatabase,
  PublicApiClient,
  TemporalDevServer,
  createIsolatedDatabase,
  createTestOrganization,
  freePort,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

/** A bound on "at its time" generous enough for a loaded machine; punctuality is benchmarked. */
const PUNCTUAL_MS = 20_000;
/** Posts are handed to their worker this long before their time (PUBLISH_LEAD_MS). */
const LEAD_MS = 6_000;

describe('a Temporal restart while posts wait', () => {
  let temporal: TemporalDevServer;
  let database: IsolatedDatabase;
  let stack: HeraldStack;

  beforeAll(async () => {
    temporal = await new TemporalDevServer(await freePort()).start();
    database = await createIsolatedDatabase('temporal_restart');
    stack = await startHeraldStack({
      TEMPORAL_ADDRESS: temporal.address,
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `${testEnv().redisKeyPrefix}temporal-restart-${randomBytes(3).toString('hex')}:`,
      PUBLISH_LEAD_MS: String(LEAD_MS),
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await temporal?.stop();
    await database?.drop();
  });

  it('should publish a held post at its time, one due in the outage at the restart, and a later one at its time, each once', async () => {
    const org = await createTestOrganization(database.db, stack.sandbox, ['facebook']);
    const page = org.channels.facebook!;
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const t0 = Date.now();
    const held = { content: `Held through the outage ${t0}`, at: new Date(t0 + 14_000) };
    const duringOutage = { content: `Due while Temporal was down ${t0}`, at: new Date(t0 + 26_000) };
    const afterRestart = { content: `Due after the restart ${t0}`, at: new Date(t0 + 55_000) };
    const ids: string[] = [];
    for (const post of [held, duringOutage, afterRestart]) ids.push(await api.schedule(page.integration.id, { content: post.content }, { date: post.at }));

    // The first post is in its worker's hands (a lead before its time) when Temporal goes away.
    const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
    await waitUntil('the first post to be staged', async () => ((await client.workflow.getHandle(`post:${ids[0]}`).query(publishStatusQuery)).phase === 'staged' ? true : undefined), {
      timeoutMs: 30_000,
    });
    await client.connection.close();
    await temporal.stop();
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + 34_000 - Date.now())));
    await temporal.start();
    const restartedAt = Date.now();
    const posts = await Promise.all(ids.map((id) => api.waitForOutcome(id, 90_000)));

    expect(posts.map((p) => p.heraldState)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page.account.id });
    expect(published.map((p) => p.text).sort()).toEqual([held.content, duringOutage.content, afterRestart.content].sort());
    expect(await stack.sandbox.requests({ method: 'POST', pathContains: `${page.account.id}/feed` })).toHaveLength(3);
    const at = (content: string) => Date.parse(published.find((p) => p.text === content)!.createdAt);
    expect(at(held.content)).toBeGreaterThanOrEqual(held.at.getTime());
    expect(at(held.content)).toBeLessThan(restartedAt);
    expect(at(duringOutage.content)).toBeGreaterThanOrEqual(restartedAt);
    expect(at(duringOutage.content) - restartedAt).toBeLessThan(PUNCTUAL_MS);
    expect(at(afterRestart.content)).toBeGreaterThanOrEqual(afterRestart.at.getTime());
    expect(at(afterRestart.content) - afterRestart.at.getTime()).toBeLessThan(PUNCTUAL_MS);
    expect({ api: stack.api.running, worker: stack.worker.running }).toEqual({ api: true, worker: true });
  });
});
