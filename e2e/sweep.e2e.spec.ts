// Posts whose workflow is missing are found and started again by the sweep (a workflow of its
// own in the worker), and nothing is ever published twice.
import { Client, Connection } from '@temporalio/client';
import { PUBLISH_POST_WORKFLOW, RETIRED_PUBLISH_WORKFLOWS, TASK_QUEUES } from '@herald/contracts';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';
import path from 'node:path';

const PHOTO = path.join(__dirname, 'fixtures/photo.jpg');
const FAST_SWEEP = { SWEEP_INTERVAL_MS: '2000', SWEEP_GRACE_MS: '1000' };

describe('the sweep', () => {
  let stack: HeraldStack;
  let db: Db;
  let client: Client;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack({ ...FAST_SWEEP, PUBLISH_COMMIT_TIMEOUT_MS: '5000' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    client = new Client({ connection: await Connection.connect({ address: testEnv().temporalAddress }) });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack.sandbox.clearFaults();
    await stack?.stop();
    await client?.connection.close();
    await db?.$disconnect();
  });

  it('should restore a waiting post whose workflow was terminated by hand, and publish it once at its time', async () => {
    const page = org.channels.facebook!;
    const publishAt = new Date(Date.now() + 8_000);
    const postId = await api.schedule(page.integration.id, { content: `Terminated ${Date.now()}` }, { date: publishAt });
    await client.workflow.getHandle(`post:${postId}`).terminate('an operator cleaning up by hand');

    const post = await api.waitForOutcome(postId, 60_000);

    const published = (await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).filter((p) => p.id === post.releaseId);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(published).toHaveLength(1);
    expect(Date.parse(published[0]!.createdAt)).toBeGreaterThanOrEqual(publishAt.getTime());
    // Two runs: the terminated one and the sweep's, which completed (visibility may lag a moment).
    const runs = await waitUntil('both runs in visibility', async () => {
      const names: string[] = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = 'post:${postId}'` })) names.push(run.status.name);
      return names.length === 2 && names.includes('COMPLETED') ? names.sort() : undefined;
    });
    expect(runs).toEqual(['COMPLETED', 'TERMINATED']);
  });

  it('should resend a move saved while Temporal was unreachable, waking the waiting workflow, and publish at the new time', async () => {
    const page = org.channels.facebook!;
    const content = `Moved while Temporal was away ${Date.now()}`;
    const oldTime = new Date(Date.now() + 30 * 60_000);
    const postId = await api.schedule(page.integration.id, { content }, { date: oldTime });
    // What the API writes when it cannot signal: Postgres has the new time, the workflow the old.
    const newTime = new Date(Date.now() + 8_000);
    await db.post.update({ where: { id: postId }, data: { publishAt: newTime } });

    const post = await api.waitForOutcome(postId, 60_000);

    const published = (await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).filter((p) => p.text === content);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(published).toHaveLength(1);
    expect(Date.parse(published[0]!.createdAt)).toBeGreaterThanOrEqual(newTime.getTime());
  });

  it('should replace a waiting workflow of a retired type, which no worker runs any more, and publish the post once', async () => {
    const page = org.channels.facebook!;
    const content = `Retired workflow ${Date.now()}`;
    const publishAt = new Date(Date.now() + 8_000);
    const postId = await api.schedule(page.integration.id, { content }, { date: publishAt });
    // As an earlier Herald version left it: the post's id, the old type, its old input.
    const workflowId = `post:${postId}`;
    await client.workflow.getHandle(workflowId).terminate('replaced by an old-version run for the test');
    await client.workflow.start(RETIRED_PUBLISH_WORKFLOWS[0]!, {
      taskQueue: TASK_QUEUES.workflows,
      workflowId,
      args: [{ organizationId: org.organizationId, postId, publishAt: publishAt.toISOString(), timing: {} }],
    });

    const post = await api.waitForOutcome(postId, 60_000);

    const published = (await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).filter((p) => p.text === content);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(published).toHaveLength(1);
    expect(Date.parse(published[0]!.createdAt)).toBeGreaterThanOrEqual(publishAt.getTime());
    const runs = await waitUntil('the runs in visibility', async () => {
      const found: string[] = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) found.push(`${run.type} ${run.status.name}`);
      return found.length === 3 && found.includes(`${PUBLISH_POST_WORKFLOW} COMPLETED`) ? found.sort() : undefined;
    });
    expect(runs).toEqual([`${PUBLISH_POST_WORKFLOW} COMPLETED`, `${PUBLISH_POST_WORKFLOW} TERMINATED`, `${RETIRED_PUBLISH_WORKFLOWS[0]} TERMINATED`]);
  });

  it('should take over a post whose workflow died while publishing, ask the network, and not publish again', async () => {
    const instagram = org.channels.instagram!;
    // The network answers the publish after 4 s; the workflow is terminated while it waits.
    await stack.sandbox.addFault({ method: 'POST', path: '^/\\d+/media_publish$', delayMs: 4_000, times: 1 });
    const postId = await api.schedule(instagram.integration.id, { content: `Lost run ${Date.now()}`, files: [PHOTO] }, { type: 'now' });
    await waitUntil('the publish call', async () =>
      (await stack.sandbox.requests({ method: 'POST', pathContains: `${instagram.account.id}/media_publish` })).length > 0 ? true : undefined,
    );
    await client.workflow.getHandle(`post:${postId}`).terminate('lost while publishing');

    const post = await api.waitForOutcome(postId, 90_000);

    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: published[0]!.id });
    expect(published).toHaveLength(1);
    expect(await stack.sandbox.requests({ method: 'POST', pathContains: `${instagram.account.id}/media_publish` })).toHaveLength(1);
  });

  it('should not publish late a post whose time passed long ago (default policy), and say why', async () => {
    const page = org.channels.facebook!;
    // A post saved while Temporal was away, due two hours ago (written directly, as the API would have).
    const [row] = await db.$transaction([
      db.post.create({
        data: {
          organizationId: org.organizationId,
          integrationId: page.integration.id,
          group: `late-${Date.now()}`,
          state: 'QUEUE',
          publishAt: new Date(Date.now() - 2 * 3_600_000),
          content: 'Two hours late',
          createdAt: new Date(Date.now() - 3 * 3_600_000),
        },
      }),
    ]);

    const post = await api.waitForOutcome(row!.id, 60_000);

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'MISSED_TIME' });
    expect(String(post.error)).toMatch(/more than 60 minutes late, so it was not published/);
    expect((await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).map((p) => p.text)).not.toContain('Two hours late');
  });
});
