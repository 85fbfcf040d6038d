// Webhooks end to end: registered through the API, called by the worker after real publications
// and failures, received by an HTTP server of this test's own on 127.0.0.1 (allowed through
// WEBHOOK_ALLOWED_ORIGINS). Signatures are checked here with node:crypto, not with Herald's code.
import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  freePort,
  recordMeasurement,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Records every request; answers each path's scripted statuses in order, then 200. */
class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly scripts = new Map<string, number[]>();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(this.scripts.get(path)?.shift() ?? 200).end();
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.scripts.set(path, statuses);
  }

  to(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface CreatedWebhook {
  id: string;
  name: string;
  url: string;
  integrations: string[];
  secret: string;
  createdAt: string;
}

const RETRY_INITIAL_MS = 300;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function verifies(request: ReceivedRequest, secret: string): boolean {
  const timestamp = String(request.headers['x-herald-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return request.headers['x-herald-signature'] === expected;
}

describe('webhooks', () => {
  let stack: HeraldStack;
  let db: Db;
  let receiver: WebhookReceiver;
  let seq = 0;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    stack = await startHeraldStack({ WEBHOOK_ALLOWED_ORIGINS: receiver.origin, WEBHOOK_RETRY_INITIAL_INTERVAL_MS: String(RETRY_INITIAL_MS) });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterEach(async () => {
    await stack.sandbox.clearFaults();
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
    await receiver?.close();
  });

  async function freshOrganization(providers: Array<'facebook' | 'instagram'> = ['facebook']): Promise<{ org: TestOrganization; api: PublicApiClient }> {
    const org = await createTestOrganization(db, stack.sandbox, providers);
    return { org, api: new PublicApiClient(stack.apiUrl, org.apiKey) };
  }

  async function register(api: PublicApiClient, name: string, integrations?: string[]): Promise<{ webhook: CreatedWebhook; path: string }> {
    const path = `/hooks/${++seq}-${name}`;
    const created = await api.request<CreatedWebhook>('POST', '/webhooks', { name, url: `${receiver.origin}${path}`, ...(integrations && { integrations }) });
    expect(created.status).toBe(201);
    return { webhook: created.body, path };
  }

  const arrived = (path: string, count = 1) =>
    waitUntil(`${count} request(s) to ${path}`, async () => (receiver.to(path).length >= count ? receiver.to(path) : undefined), { timeoutMs: 30_000, intervalMs: 50 });

  it("should send one signed post.published, with the post as GET /posts/:id shows it, to the webhooks for the post's channel only", async () => {
    const { org, api } = await freshOrganization(['facebook', 'instagram']);
    const page = org.channels.facebook!;
    const all = await register(api, 'all');
    const facebookOnly = await register(api, 'facebook-only', [page.integration.id]);
    const instagramOnly = await register(api, 'instagram-only', [org.channels.instagram!.integration.id]);

    const postId = await api.schedule(page.integration.id, { content: 'Webhook on publish' }, { type: 'now' });
    const post = await api.waitForOutcome(postId);
    const recordedAt = Date.now();
    const [request] = await arrived(all.path);
    recordMeasurement('post recorded PUBLISHED → webhook received (as seen by polling the API)', request!.at - recordedAt);
    await arrived(facebookOnly.path);
    await pause(1_000);

    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect([receiver.to(all.path).length, receiver.to(facebookOnly.path).length, receiver.to(instagramOnly.path).length]).toEqual([1, 1, 0]);
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', 'x-herald-event': 'post.published' });
    expect(request!.headers['x-herald-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifies(request!, all.webhook.secret)).toBe(true);
    expect(verifies(receiver.to(facebookOnly.path)[0]!, facebookOnly.webhook.secret)).toBe(true);
    const body = JSON.parse(request!.body) as { event: string; deliveredAt: string; post: Record<string, unknown> };
    expect(body.event).toBe('post.published');
    expect(Math.abs(Date.parse(body.deliveredAt) / 1000 - Number(request!.headers['x-herald-timestamp']))).toBeLessThan(1);
    expect(body.post).toMatchObject({ id: postId, heraldState: 'PUBLISHED', releaseId: post.releaseId });
    expect(body.post).toEqual((await api.request('GET', `/posts/${postId}`)).body);
  });

  it('should send one post.failed, with the error code, when the network refuses the post', async () => {
    const { org, api } = await freshOrganization();
    const page = org.channels.facebook!;
    const hook = await register(api, 'failures');
    await stack.sandbox.addFault({
      method: 'POST',
      path: `^/${page.account.id}/feed$`,
      status: 400,
      body: { error: { message: 'Your account is restricted', type: 'OAuthException', code: 368, error_subcode: 4854002 } },
      times: 1,
    });

    const postId = await api.schedule(page.integration.id, { content: 'Webhook on failure' }, { type: 'now' });
    const post = await api.waitForOutcome(postId);
    const [request] = await arrived(hook.path);
    await pause(1_000);

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'IDENTITY_CHECKPOINT' });
    expect(receiver.to(hook.path)).toHaveLength(1);
    expect(request!.headers['x-herald-event']).toBe('post.failed');
    expect(verifies(request!, hook.webhook.secret)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({ event: 'post.failed', post: { id: postId, heraldState: 'ERROR', errorCode: 'IDENTITY_CHECKPOINT' } });
  });

  it('should retry a receiver that answers 500 twice, with the same delivery id, and publish the post once', async () => {
    const { org, api } = await freshOrganization();
    const page = org.channels.facebook!;
    const hook = await register(api, 'flaky');
    receiver.answer(hook.path, 500, 500);

    const postId = await api.schedule(page.integration.id, { content: 'Webhook retried' }, { type: 'now' });
    const post = await api.waitForOutcome(postId);
    const attempts = await arrived(hook.path, 3);
    await pause(1_500);

    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(receiver.to(hook.path)).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['x-herald-delivery'])).size).toBe(1);
    expect(attempts.every((a) => verifies(a, hook.webhook.secret))).toBe(true);
    // Exponential from the configured initial interval: about 300 ms, then about 600 ms.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(RETRY_INITIAL_MS - 50);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(2 * RETRY_INITIAL_MS - 50);
    recordMeasurement('webhook: first attempt → third (two 500s, initial interval 300 ms)', attempts[2]!.at - attempts[0]!.at);
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page.account.id });
    expect(published.map((p) => p.id)).toEqual([post.releaseId]);
  });

  it("should keep an organization's webhooks from another organization", async () => {
    const { api: owner } = await freshOrganization();
    const { api: stranger } = await freshOrganization();
    const { webhook } = await register(owner, 'private');

    const listedByStranger = await stranger.request<unknown[]>('GET', '/webhooks');
    const deletedByStranger = await stranger.request('DELETE', `/webhooks/${webhook.id}`);
    const listedByOwner = await owner.request<Array<Record<string, unknown>>>('GET', '/webhooks');
    const deletedByOwner = await owner.request('DELETE', `/webhooks/${webhook.id}`);
    const afterDelete = await owner.request<unknown[]>('GET', '/webhooks');

    expect(listedByStranger).toEqual({ status: 200, body: [] });
    expect(deletedByStranger).toMatchObject({ status: 404, body: { statusCode: 404, code: 'NOT_FOUND' } });
    expect(listedByOwner.body).toEqual([{ id: webhook.id, name: 'private', url: webhook.url, integrations: [], createdAt: webhook.createdAt }]);
    expect(JSON.stringify(listedByOwner.body)).not.toContain(webhook.secret);
    expect(deletedByOwner).toEqual({ status: 200, body: { error: false } });
    expect(afterDelete.body).toEqual([]);
  });

  it('should refuse a private or non-http URL, and a channel of another organization, with a 400 naming the field', async () => {
    const { api } = await freshOrganization();
    const { org: other } = await freshOrganization();
    const receiverPort = new URL(receiver.origin).port;
    const post = (body: Record<string, unknown>) => api.request<Record<string, unknown>>('POST', '/webhooks', { name: 'refused', ...body });

    const otherPort = await post({ url: `http://127.0.0.1:${await freePort()}/in` });
    const localhost = await post({ url: `http://localhost:${receiverPort}/in` });
    const metadata = await post({ url: 'http://169.254.169.254/latest/meta-data' });
    const ftp = await post({ url: 'ftp://example.com/in' });
    const foreign = await post({ url: `${receiver.origin}/in`, integrations: [other.channels.facebook!.integration.id] });

    for (const refused of [otherPort, localhost, metadata, ftp]) {
      expect(refused).toMatchObject({ status: 400, body: { statusCode: 400, code: 'VALIDATION', field: 'url' } });
    }
    expect(String(localhost.body.message)).toContain('resolves to a loopback address');
    expect(foreign).toMatchObject({ status: 400, body: { field: 'integrations[0]' } });
    expect((await api.request('GET', '/webhooks')).body).toEqual([]);
  });
});
