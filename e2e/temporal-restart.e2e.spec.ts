// The Temporal server goes away while posts wait, and comes back from its database file: a post
// whose time passed meanwhile is published at the restart, a later one at its time, each once.
import { randomBytes } from 'node:crypto';
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
} from '@herald/testing';

/** A bound on "at its time" generous enough for a loaded machine; punctuality is benchmarked. */
const PUNCTUAL_MS = 20_000;

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
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await temporal?.stop();
    await database?.drop();
  });

  it('should publish the post due during the outage at the restart, and the later one at its time, each once', async () => {
    const org = await createTestOrganization(database.db, stack.sandbox, ['facebook']);
    const page = org.channels.facebook!;
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const t0 = Date.now();
    const duringOutage = { content: `Due while Temporal was down ${t0}`, at: new Date(t0 + 12_000) };
    const afterRestart = { content: `Due after the restart ${t0}`, at: new Date(t0 + 40_000) };
    const ids = [
      await api.schedule(page.integration.id, { content: duringOutage.content }, { date: duringOutage.at }),
      await api.schedule(page.integration.id, { content: afterRestart.content }, { date: afterRestart.at }),
    ];

    await new Promise((r) => setTimeout(r, 4_000));
    await temporal.stop();
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + 25_000 - Date.now())));
    await temporal.start();
    const restartedAt = Date.now();
    const posts = await Promise.all(ids.map((id) => api.waitForOutcome(id, 90_000)));

    expect(posts.map((p) => p.heraldState)).toEqual(['PUBLISHED', 'PUBLISHED']);
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page.account.id });
    expect(published.map((p) => p.text).sort()).toEqual([duringOutage.content, afterRestart.content].sort());
    const at = (content: string) => Date.parse(published.find((p) => p.text === content)!.createdAt);
    expect(at(duringOutage.content)).toBeGreaterThanOrEqual(restartedAt);
    expect(at(duringOutage.content) - restartedAt).toBeLessThan(PUNCTUAL_MS);
    expect(at(afterRestart.content)).toBeGreaterThanOrEqual(afterRestart.at.getTime());
    expect(at(afterRestart.content) - afterRestart.at.getTime()).toBeLessThan(PUNCTUAL_MS);
    expect({ api: stack.api.running, worker: stack.worker.running }).toEqual({ api: true, worker: true });
  });
});
