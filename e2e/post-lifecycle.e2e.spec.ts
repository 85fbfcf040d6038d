// Users change their minds after scheduling: move, delete, publish now, draft and back, edit,
// republish. Through HTTP against the whole stack, with the sandbox's published list as the
// witness of what really went out, and when.
import { type Db, createPrismaClient } from '@herald/db';
import { Client, Connection } from '@temporalio/client';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

type PostView = Record<string, unknown> & { id: string; heraldState: string; workflow?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const at = (msFromNow: number) => new Date(Date.now() + msFromNow);

describe('changing a scheduled post', () => {
  let stack: HeraldStack;
  let db: Db;
  let client: Client;
  let org: TestOrganization;
  let api: PublicApiClient;
  let pageId: string;
  let channelId: string;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    client = new Client({ connection: await Connection.connect({ address: testEnv().temporalAddress }) });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
    pageId = org.channels.facebook!.account.id;
    channelId = org.channels.facebook!.integration.id;
  });

  afterAll(async () => {
    await stack?.sandbox.clearFaults();
    await stack?.stop();
    await client?.connection.close();
    await db?.$disconnect();
  });

  /** When the Page published each post with this text (the sandbox's record). */
  async function publishedTimes(text: string): Promise<number[]> {
    const items = await stack.sandbox.published({ network: 'facebook', accountId: pageId });
    return items.filter((p) => p.text === text).map((p) => Date.parse(p.createdAt));
  }

  const schedule = (content: string, date: Date) => api.schedule(channelId, { content }, { date });
  const put = (id: string, body: unknown) => api.request<PostView & { code?: string; message?: string }>('PUT', `/posts/${id}`, body);

  it('should publish at the new time, and not at the old one, when moved later', async () => {
    const content = `Moved later ${Date.now()}`;
    const id = await schedule(content, at(5_000));
    const newTime = at(14_000);

    const moved = await put(id, { date: newTime.toISOString() });
    await sleep(9_000);
    const beforeNewTime = await publishedTimes(content);
    const post = await api.waitForOutcome(id);

    expect(moved).toMatchObject({ status: 200, body: { heraldState: 'QUEUE', publishAt: newTime.toISOString(), workflow: 'started' } });
    expect(beforeNewTime).toEqual([]);
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(newTime.getTime());
  });

  it('should publish at the new time when moved earlier', async () => {
    const content = `Moved earlier ${Date.now()}`;
    const oldTime = at(120_000);
    const id = await schedule(content, oldTime);
    const newTime = at(4_000);

    await put(id, { date: newTime.toISOString() });
    const post = await api.waitForOutcome(id, 60_000);

    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(newTime.getTime());
    expect(times[0]).toBeLessThan(oldTime.getTime());
  });

  it('should not publish at the old time when moved one second before it', async () => {
    const content = `Moved at the last second ${Date.now()}`;
    const oldTime = at(5_000);
    const id = await schedule(content, oldTime);
    await sleep(oldTime.getTime() - 1_000 - Date.now());
    const newTime = at(10_000);

    const moved = await put(id, { date: newTime.toISOString() });
    await sleep(oldTime.getTime() + 4_000 - Date.now());
    const afterOldTime = await publishedTimes(content);
    const post = await api.waitForOutcome(id);

    expect(moved.status).toBe(200);
    expect(afterOldTime).toEqual([]);
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(newTime.getTime());
  });

  it('should publish nothing when deleted while its workflow sleeps, and cancel the workflow', async () => {
    const content = `Deleted while sleeping ${Date.now()}`;
    const publishAt = at(4_000);
    const id = await schedule(content, publishAt);

    const deleted = await api.request('DELETE', `/posts/${id}`);
    const status = await waitUntil('the workflow to close', async () => {
      const { status: s } = await client.workflow.getHandle(`post:${id}`).describe();
      return s.name === 'RUNNING' ? undefined : s.name;
    });
    await sleep(publishAt.getTime() + 4_000 - Date.now());

    expect(deleted).toMatchObject({ status: 200, body: { error: false, deleted: [id] } });
    expect(status).toBe('CANCELLED');
    expect(await publishedTimes(content)).toEqual([]);
    expect((await api.request('GET', `/posts/${id}`)).status).toBe(404);
  });

  it('should either publish or delete, never both, when a delete races the publish time', async () => {
    const base = Date.now();
    const publishAt = new Date(base + 4_000);
    // Deletes sent a little before, at, and after the publish time.
    const offsets = [-300, 0, 150, 400, 2_000];
    const ids = await Promise.all(offsets.map((o) => schedule(`Race ${base} ${o}`, publishAt)));

    const deletes = await Promise.all(
      offsets.map(async (offset, i) => {
        await sleep(publishAt.getTime() + offset - Date.now());
        return api.request<{ deleted?: string[]; message?: string }>('DELETE', `/posts/${ids[i]}`);
      }),
    );
    await sleep(5_000);

    for (const [i, offset] of offsets.entries()) {
      const times = await publishedTimes(`Race ${base} ${offset}`);
      const read = await api.request<PostView>('GET', `/posts/${ids[i]}`);
      const outcome = { offset, deleteStatus: deletes[i]!.status, published: times.length, readStatus: read.status, state: read.body.heraldState };
      const deletedNotPublished = { offset, deleteStatus: 200, published: 0, readStatus: 404, state: undefined };
      // Refused because it was being published (or was): it is published, and says so.
      const publishedNotDeleted = { offset, deleteStatus: 409, published: 1, readStatus: 200, state: 'PUBLISHED' };
      expect([deletedNotPublished, publishedNotDeleted]).toContainEqual(outcome);
    }
  });

  it('should publish at once when told to publish now', async () => {
    const content = `Published now ${Date.now()}`;
    const id = await schedule(content, at(3_600_000));

    const sentAt = Date.now();
    const answer = await api.request<PostView>('POST', `/posts/${id}/publish-now`);
    const post = await api.waitForOutcome(id, 30_000);

    expect(answer).toMatchObject({ status: 200, body: { heraldState: 'QUEUE', workflow: 'started' } });
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]! - sentAt).toBeLessThan(20_000);
  });

  it('should publish a draft only once it is scheduled, and not after it went back to draft', async () => {
    const content = `Draft round trip ${Date.now()}`;
    const id = await schedule(content, at(5_000));

    const toDraft = await api.request<PostView>('PUT', `/posts/${id}/status`, { status: 'draft' });
    await sleep(7_000);
    const whileDraft = await publishedTimes(content);
    const newTime = at(4_000);
    await put(id, { date: newTime.toISOString() });
    const toQueue = await api.request<PostView>('PUT', `/posts/${id}/status`, { status: 'schedule' });
    const post = await api.waitForOutcome(id);

    expect(toDraft).toMatchObject({ status: 200, body: { id, state: 'DRAFT', heraldState: 'DRAFT' } });
    expect(whileDraft).toEqual([]);
    expect(toQueue).toMatchObject({ status: 200, body: { id, state: 'QUEUE', workflow: 'started' } });
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(newTime.getTime());
  });

  // The workflow of a post an hour away starts delayed; drafting cancels it, and a change made
  // straight after reaches it in the same first task as the cancel. Neither may be lost.
  it('should publish at once a post drafted and then, straight after, told to publish now', async () => {
    const content = `Draft then now ${Date.now()}`;
    const id = await schedule(content, at(3_600_000));

    await api.request<PostView>('PUT', `/posts/${id}/status`, { status: 'draft' });
    const sentAt = Date.now();
    const answer = await api.request<PostView>('POST', `/posts/${id}/publish-now`);
    const post = await api.waitForOutcome(id, 30_000);

    expect(answer).toMatchObject({ status: 200, body: { heraldState: 'QUEUE', workflow: 'started' } });
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]! - sentAt).toBeLessThan(20_000);
  });

  it('should publish at its new time a post drafted, moved and scheduled again straight after', async () => {
    const content = `Draft, move, schedule ${Date.now()}`;
    const id = await schedule(content, at(3_600_000));

    await api.request<PostView>('PUT', `/posts/${id}/status`, { status: 'draft' });
    const newTime = at(6_000);
    await put(id, { date: newTime.toISOString() });
    const toQueue = await api.request<PostView>('PUT', `/posts/${id}/status`, { status: 'schedule' });
    const post = await api.waitForOutcome(id, 40_000);

    expect(toQueue).toMatchObject({ status: 200, body: { id, state: 'QUEUE', workflow: 'started' } });
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(newTime.getTime());
  });

  it('should publish the new text when the post is edited after scheduling', async () => {
    const original = `Before the edit ${Date.now()}`;
    const edited = `After the edit ${Date.now()}`;
    const id = await schedule(original, at(5_000));

    const answer = await put(id, { value: [{ content: edited, image: [] }] });
    const post = await api.waitForOutcome(id);

    expect(answer).toMatchObject({ status: 200, body: { content: edited, heraldState: 'QUEUE' } });
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', content: edited });
    expect(await publishedTimes(original)).toEqual([]);
    expect(await publishedTimes(edited)).toHaveLength(1);
  });

  it('should refuse an edit that breaks the channel\'s rules, and change nothing', async () => {
    const content = `Kept as it was ${Date.now()}`;
    const id = await schedule(content, at(3_600_000));

    const answer = await put(id, { value: [{ content: 'x'.repeat(63_207), image: [] }] });
    const stored = await api.request<PostView>('GET', `/posts/${id}`);

    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'body.value[0].content' } });
    expect(stored.body.content).toBe(content);
    await api.request('DELETE', `/posts/${id}`);
  });

  it('should answer 409 to a move while publishing, need republish for a published post, and publish it again with it', async () => {
    const content = `Republished ${Date.now()}`;
    await stack.sandbox.addFault({ method: 'POST', path: `^/${pageId}/feed$`, delayMs: 4_000, times: 1 });
    const id = await schedule(content, at(2_000));
    await waitUntil('the publish call', async () =>
      (await stack.sandbox.requests({ method: 'POST', pathContains: `${pageId}/feed` })).some((r) => JSON.stringify(r).includes(content)) ? true : undefined,
    );

    const whilePublishing = await put(id, { date: at(60_000).toISOString() });
    const first = await api.waitForOutcome(id);
    const withoutFlag = await put(id, { date: at(3_000).toISOString() });
    const again = await put(id, { date: at(3_000).toISOString(), republish: true });
    const second = await waitUntil('the second publication', async () => {
      const { body } = await api.request<PostView>('GET', `/posts/${id}`);
      return body.heraldState === 'PUBLISHED' && body.releaseId !== first.releaseId ? body : undefined;
    });

    expect(whilePublishing).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(whilePublishing.body.message).toMatch(/being published right now/);
    expect(first.heraldState).toBe('PUBLISHED');
    expect(withoutFlag).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(withoutFlag.body.message).toMatch(/republish: true/);
    expect(again).toMatchObject({ status: 200, body: { heraldState: 'QUEUE', releaseId: null } });
    expect(second.releaseId).toBeTruthy();
    expect(await publishedTimes(content)).toHaveLength(2);
  });

  it('should follow a move made while no worker runs: not at the old time, at the new one', async () => {
    const content = `Moved while the worker was down ${Date.now()}`;
    const oldTime = at(5_000);
    const id = await schedule(content, oldTime);
    await stack.worker.stop();
    const newTime = at(15_000);

    const moved = await put(id, { date: newTime.toISOString() });
    await sleep(oldTime.getTime() + 3_000 - Date.now());
    stack.worker.start();
    await sleep(newTime.getTime() - 2_000 - Date.now());
    const beforeNewTime = await publishedTimes(content);
    const post = await api.waitForOutcome(id, 60_000);

    expect(moved.status).toBe(200);
    expect(beforeNewTime).toEqual([]);
    expect(post.heraldState).toBe('PUBLISHED');
    const times = await publishedTimes(content);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(newTime.getTime());
  });

  it('should delete for certain while no worker runs: nothing is published when the worker comes back', async () => {
    const content = `Deleted while the worker was down ${Date.now()}`;
    const publishAt = at(4_000);
    const id = await schedule(content, publishAt);
    await stack.worker.stop();

    const deleted = await api.request('DELETE', `/posts/${id}`);
    await sleep(publishAt.getTime() + 1_000 - Date.now());
    stack.worker.start();
    await waitUntil('the workflow to close', async () => {
      const { status } = await client.workflow.getHandle(`post:${id}`).describe();
      return status.name === 'RUNNING' ? undefined : true;
    });

    expect(deleted.status).toBe(200);
    expect(await publishedTimes(content)).toEqual([]);
  });
});

describe('a post to several channels (a group)', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should publish each channel\'s own text and settings, and read, move and delete the group as one', async () => {
    const stamp = Date.now();
    const upload = await api.upload(`${__dirname}/fixtures/photo.jpg`);
    const facebook = org.channels.facebook!;
    const instagram = org.channels.instagram!;
    const create = (date: Date) =>
      api.request<Array<{ postId: string; group: string; integration: string }>>('POST', '/posts', {
        type: 'schedule',
        date: date.toISOString(),
        posts: [
          { integration: { id: facebook.integration.id }, value: [{ content: `For the Page ${stamp}`, image: [] }], settings: { url: 'https://example.com/read' } },
          { integration: { id: instagram.integration.id }, value: [{ content: `For Instagram ${stamp}`, image: [{ id: upload.body.id, path: upload.body.path }] }] },
        ],
      });

    const created = await create(at(3_600_000));
    const group = created.body[0]!.group;
    const read = await api.request<{ posts: PostView[] }>('GET', `/posts/group/${group}`);
    const newTime = at(5_000);
    const moved = await api.request<{ moved: PostView[]; notMoved: unknown[] }>('PUT', `/posts/group/${group}`, { date: newTime.toISOString() });
    const outcomes = await Promise.all(created.body.map((p) => api.waitForOutcome(p.postId)));
    const second = await create(at(3_600_000));
    const deleted = await api.request<{ deleted: string[] }>('DELETE', `/posts/group/${second.body[0]!.group}`);

    expect(created.status).toBe(201);
    expect(created.body.map((p) => p.group)).toEqual([group, group]);
    expect(read.body.posts.map((p) => p.content).sort()).toEqual([`For Instagram ${stamp}`, `For the Page ${stamp}`]);
    expect(moved.body.moved.map((p) => p.publishAt)).toEqual([newTime.toISOString(), newTime.toISOString()]);
    expect(moved.body.notMoved).toEqual([]);
    expect(outcomes.map((p) => p.heraldState)).toEqual(['PUBLISHED', 'PUBLISHED']);
    const page = await stack.sandbox.published({ network: 'facebook', accountId: facebook.account.id });
    const insta = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(page.filter((p) => p.text === `For the Page ${stamp}`)).toHaveLength(1);
    // The Page's own setting went with its post only (read back as Meta serves it).
    const pagePost = page.find((p) => p.text === `For the Page ${stamp}`)!;
    const graph = await fetch(`${stack.sandboxUrl}/graph.facebook.com/v21.0/${pagePost.id}?fields=link&access_token=${facebook.account.accessToken}`);
    expect(await graph.json()).toMatchObject({ link: 'https://example.com/read' });
    expect(insta.filter((p) => p.text === `For Instagram ${stamp}`)).toHaveLength(1);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted.sort()).toEqual(second.body.map((p) => p.postId).sort());
  });

  it('should save a group again with Postiz\'s type "update": edit one channel, drop another, refuse it whole once one is published', async () => {
    const stamp = Date.now();
    const facebook = org.channels.facebook!;
    const instagram = org.channels.instagram!;
    const upload = await api.upload(`${__dirname}/fixtures/photo.jpg`);
    const created = await api.request<Array<{ postId: string; group: string; integration: string }>>('POST', '/posts', {
      type: 'schedule',
      date: at(3_600_000).toISOString(),
      posts: [
        { integration: { id: facebook.integration.id }, value: [{ content: `Before ${stamp}`, image: [] }] },
        { integration: { id: instagram.integration.id }, value: [{ content: `Dropped ${stamp}`, image: [{ id: upload.body.id, path: upload.body.path }] }] },
      ],
    });
    const group = created.body[0]!.group;
    const [pagePost, instaPost] = [facebook, instagram].map((c) => created.body.find((p) => p.integration === c.integration.id)!.postId);
    const newTime = at(5_000);

    const saved = await api.request<Array<{ postId: string; publishAt: string }>>('POST', '/posts', {
      type: 'update',
      date: newTime.toISOString(),
      posts: [{ group, integration: { id: facebook.integration.id }, value: [{ content: `After ${stamp}`, image: [] }] }],
    });
    const published = await api.waitForOutcome(pagePost!);
    const dropped = await api.request('GET', `/posts/${instaPost}`);
    const refused = await api.request<{ code: string }>('POST', '/posts', {
      type: 'update',
      date: at(60_000).toISOString(),
      posts: [{ group, integration: { id: facebook.integration.id }, value: [{ content: `Too late ${stamp}`, image: [] }] }],
    });

    expect(saved).toMatchObject({ status: 201, body: [{ postId: pagePost, publishAt: newTime.toISOString() }] });
    expect(published).toMatchObject({ heraldState: 'PUBLISHED', content: `After ${stamp}` });
    expect(dropped.status).toBe(404);
    expect(refused).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const page = await stack.sandbox.published({ network: 'facebook', accountId: facebook.account.id });
    expect(page.filter((p) => p.text.endsWith(String(stamp))).map((p) => p.text)).toEqual([`After ${stamp}`]);
    expect((await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id })).filter((p) => p.text === `Dropped ${stamp}`)).toEqual([]);
  });
});
