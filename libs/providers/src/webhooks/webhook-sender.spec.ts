import { FixtureServer, closedPortOrigin } from '../testing/fixture-server';
import { classifyWebhookStatus, createWebhookSender, type WebhookSenderOptions } from './webhook-sender';

const NOW = new Date('2026-12-24T09:00:00Z');
const body = JSON.stringify({ event: 'post.published', post: { id: 'post_1' } });
const headers = { 'content-type': 'application/json', 'x-herald-delivery': 'd-1' };

describe(classifyWebhookStatus.name, () => {
  it.each([200, 201, 202, 204, 299])('should take %i as delivered', (status) => {
    expect(classifyWebhookStatus(status, undefined, NOW)).toEqual({ kind: 'delivered', status });
  });

  it.each([408, 429, 500, 502, 503, 504])('should retry after %i', (status) => {
    expect(classifyWebhookStatus(status, undefined, NOW)).toMatchObject({ kind: 'retry', status });
  });

  it.each([400, 401, 403, 404, 405, 410, 413, 422])('should give up after %i, which another attempt would not change', (status) => {
    expect(classifyWebhookStatus(status, undefined, NOW)).toMatchObject({ kind: 'rejected', status });
  });

  it('should give up on a redirect, saying it is not followed', () => {
    expect(classifyWebhookStatus(301, undefined, NOW)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('does not follow') });
  });

  it('should read Retry-After in seconds or as a date, and cap it at an hour', () => {
    expect(classifyWebhookStatus(429, '30', NOW)).toMatchObject({ retryAfterMs: 30_000 });
    expect(classifyWebhookStatus(503, 'Thu, 24 Dec 2026 09:02:00 GMT', NOW)).toMatchObject({ retryAfterMs: 120_000 });
    expect(classifyWebhookStatus(429, '86400', NOW)).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(classifyWebhookStatus(429, 'soon', NOW)).not.toHaveProperty('retryAfterMs');
  });
});

describe(createWebhookSender.name, () => {
  let server: FixtureServer;
  const sender = (overrides: Partial<WebhookSenderOptions> = {}) =>
    createWebhookSender({ allowedOrigins: [server.origin], timeoutMs: 500, now: () => NOW, ...overrides });

  beforeAll(async () => {
    server = await FixtureServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('should POST the exact body with the given headers', async () => {
    server.on('POST', '/hooks/a', { status: 204 });

    const result = await sender()({ url: `${server.origin}/hooks/a`, body, headers });

    expect(result).toEqual({ kind: 'delivered', status: 204 });
    const [request] = server.requestsTo('POST', '/hooks/a');
    expect(request?.body).toEqual(JSON.parse(body));
    expect(request?.bytes).toBe(Buffer.byteLength(body));
    expect(request?.headers).toMatchObject(headers);
  });

  it('should classify a 500 as worth retrying and a 404 as final', async () => {
    server.on('POST', '/hooks/a', { status: 500 }, { status: 404 });

    const first = await sender()({ url: `${server.origin}/hooks/a`, body, headers });
    const second = await sender()({ url: `${server.origin}/hooks/a`, body, headers });

    expect(first).toMatchObject({ kind: 'retry', status: 500 });
    expect(second).toMatchObject({ kind: 'rejected', status: 404 });
  });

  it('should not follow a redirect', async () => {
    server.on('POST', '/hooks/a', { status: 307, headers: { location: `${server.origin}/hooks/b` } });

    const result = await sender()({ url: `${server.origin}/hooks/a`, body, headers });

    expect(result).toMatchObject({ kind: 'rejected', status: 307 });
    expect(server.requestsTo('POST', '/hooks/b')).toHaveLength(0);
  });

  it('should retry a receiver that does not answer in time, or cannot be reached', async () => {
    server.on('POST', '/hooks/slow', { status: 200, delayMs: 1_500 });
    const closed = await closedPortOrigin();

    const slow = await sender()({ url: `${server.origin}/hooks/slow`, body, headers });
    const refused = await sender({ allowedOrigins: [closed] })({ url: `${closed}/hooks/a`, body, headers });

    expect(slow).toEqual({ kind: 'retry', reason: 'the receiver did not answer within 500 ms' });
    expect(refused).toEqual({ kind: 'retry', reason: 'the receiver could not be reached (ECONNREFUSED)' });
  });

  it('should refuse, without sending, a URL that is private and not allowed', async () => {
    server.on('POST', '/hooks/a', { status: 200 });

    const result = await sender({ allowedOrigins: [] })({ url: `${server.origin}/hooks/a`, body, headers });

    expect(result).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('points at a loopback address') });
    expect(server.requests).toHaveLength(0);
  });

  it('should connect to the address it checked, not to what the name resolves to later', async () => {
    server.on('POST', '/hooks/a', { status: 200 });
    const port = new URL(server.origin).port;
    // The system resolver knows nothing of hooks.herald.test: only the checked answer is used.
    const resolve = jest.fn(() => Promise.resolve([{ address: '127.0.0.1', family: 4 as const }]));

    const result = await sender({ allowedOrigins: [`http://hooks.herald.test:${port}`], resolve })({
      url: `http://hooks.herald.test:${port}/hooks/a`,
      body,
      headers,
    });

    expect(result).toEqual({ kind: 'delivered', status: 200 });
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(server.requests[0]?.headers.host).toBe(`hooks.herald.test:${port}`);
  });

  it('should retry when the host cannot be resolved at delivery', async () => {
    const resolve = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));

    const result = await sender({ resolve })({ url: 'https://gone.example.test/hooks', body, headers });

    expect(result).toEqual({ kind: 'retry', reason: 'the URL names a host that does not exist (gone.example.test)' });
  });
});
