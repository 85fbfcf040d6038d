// Repeating posts through the whole stack, with the API and worker in the run's stack zone (far
// from the zones the repeats are in). Each occurrence is a post of its own: publishing one
// schedules the next at the same wall-clock time in the repeat's zone, across daylight saving.
import { Client, Connection } from '@temporalio/client';
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

interface PostView {
  id: string;
  heraldState: string;
  publishAt: string;
  content: string;
  workflowId: string | null;
  intervalInDays: number | null;
  repeat: { frequency: string; time: string; timeZone: string; occurrence: number; stoppedAt: string | null } | null;
}

describe(`repeating posts with the stack in ${process.env.HERALD_STACK_TZ ?? 'UTC'}`, () => {
  let stack: HeraldStack;
  let db: Db;
  let client: Client;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    client = new Client({ connection: await Connection.connect({ address: testEnv().temporalAddress }) });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await client?.connection.close();
    await db?.$disconnect();
  });

  async function createRepeating(content: string, body: Record<string, unknown>): Promise<string> {
    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      ...body,
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content, image: [] }] }],
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body[0]!.postId;
  }

  /** The occurrence after `first`, once the worker has created it and started its workflow. */
  async function nextOccurrence(content: string, firstId: string): Promise<PostView> {
    return waitUntil('the next occurrence', async () => {
      const rows = await db.post.findMany({ where: { organizationId: org.organizationId, content, deletedAt: null, id: { not: firstId } } });
      if (rows.length === 0) return undefined;
      const { body } = await api.request<PostView>('GET', `/posts/${rows[0]!.id}`);
      return body.workflowId ? body : undefined;
    });
  }

  /** Publishes the first occurrence now (its wall-clock intent stays the rule's), and returns it. */
  async function publishFirstNow(id: string): Promise<void> {
    const now = await api.request('POST', `/posts/${id}/publish-now`);
    expect(now.status).toBe(200);
    expect((await api.waitForOutcome(id)).heraldState).toBe('PUBLISHED');
  }

  it('should schedule the day after the March change at 09:00 Europe/London (BST), not 09:00 GMT', async () => {
    const content = `Daily in London ${Date.now()}`;
    const id = await createRepeating(content, { date: '2027-03-27T09:00:00Z', timeZone: 'Europe/London', repeat: { frequency: 'daily', interval: 1 } });

    await publishFirstNow(id);
    const next = await nextOccurrence(content, id);

    expect(next).toMatchObject({ heraldState: 'QUEUE', publishAt: '2027-03-28T08:00:00.000Z', intervalInDays: 1 });
    expect(next.repeat).toMatchObject({ frequency: 'daily', time: '09:00', timeZone: 'Europe/London', occurrence: 1, stoppedAt: null });
    // It waits in Temporal like any other post, for its own time.
    const described = await client.workflow.getHandle(next.workflowId!).describe();
    expect(described.status.name).toBe('RUNNING');
  });

  it('should go from Saturday 09:00 EST to Sunday 09:00 EDT on a weekly repeat across the New York change', async () => {
    const content = `Weekends in New York ${Date.now()}`;
    const id = await createRepeating(content, {
      date: '2027-03-13T14:00:00Z',
      timeZone: 'America/New_York',
      repeat: { frequency: 'weekly', interval: 1, weekdays: [6, 7] },
    });

    await publishFirstNow(id);
    const next = await nextOccurrence(content, id);

    expect(next).toMatchObject({ heraldState: 'QUEUE', publishAt: '2027-03-14T13:00:00.000Z', intervalInDays: null });
    expect(next.repeat).toMatchObject({ frequency: 'weekly', time: '09:00', timeZone: 'America/New_York' });
  });

  it('should publish an occurrence at its time and schedule the next one Postiz\'s inter days later', async () => {
    const content = `Every other day ${Date.now()}`;
    const first = new Date(Date.now() + 4_000);
    const id = await createRepeating(content, { date: first.toISOString(), inter: 2 });

    const published = await api.waitForOutcome(id);
    const next = await nextOccurrence(content, id);

    expect(published.heraldState).toBe('PUBLISHED');
    const sent = (await stack.sandbox.published({ network: 'facebook', accountId: org.channels.facebook!.account.id })).filter((p) => p.text === content);
    expect(sent).toHaveLength(1);
    // The organization's zone is UTC: two days later at the same minute.
    const firstMinute = Math.floor(first.getTime() / 60_000) * 60_000;
    expect(next.publishAt).toBe(new Date(firstMinute + 2 * 86_400_000).toISOString());
    expect(next.intervalInDays).toBe(2);
  });

  it('should cancel the pending occurrence when the repeat is stopped, and keep the published one', async () => {
    const content = `Stopped repeat ${Date.now()}`;
    const id = await createRepeating(content, { date: '2027-06-01T07:30:00+02:00', timeZone: 'Europe/Paris', repeat: { frequency: 'daily', interval: 3 } });
    await publishFirstNow(id);
    const next = await nextOccurrence(content, id);

    const stopped = await api.request<{ cancelled: string[] }>('DELETE', `/posts/${id}/repeat`);
    const status = await waitUntil('the pending occurrence\'s workflow to close', async () => {
      const { status: s } = await client.workflow.getHandle(next.workflowId!).describe();
      return s.name === 'RUNNING' ? undefined : s.name;
    });

    expect(next.publishAt).toBe('2027-06-04T05:30:00.000Z');
    expect(stopped).toMatchObject({ status: 200, body: { cancelled: [next.id] } });
    expect(status).toBe('CANCELLED');
    expect((await api.request('GET', `/posts/${next.id}`)).status).toBe(404);
    expect((await api.request<PostView>('GET', `/posts/${id}`)).body).toMatchObject({ heraldState: 'PUBLISHED', repeat: { stoppedAt: expect.any(String) } });
  });

  it('should refuse a repeat it cannot honour, naming the field, and store nothing', async () => {
    const before = await db.post.count({ where: { organizationId: org.organizationId } });
    const post = (body: Record<string, unknown>) =>
      api.request<{ field: string; message: string }>('POST', '/posts', {
        type: 'schedule',
        date: '2027-01-04T09:00:00Z',
        ...body,
        posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'Never', image: [] }] }],
      });

    const weekday = await post({ timeZone: 'Europe/London', repeat: { frequency: 'weekly', interval: 1, weekdays: [2] } });
    const interval = await post({ repeat: { frequency: 'daily', interval: 0 } });

    expect(weekday).toMatchObject({ status: 400, body: { field: 'repeat.weekdays' } });
    expect(weekday.body.message).toMatch(/must include Monday/);
    expect(interval).toMatchObject({ status: 400, body: { field: 'repeat.interval' } });
    expect(await db.post.count({ where: { organizationId: org.organizationId } })).toBe(before);
  });
});
