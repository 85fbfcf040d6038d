// The API serves the web UI (apps/web's build) at / and at every client route, and the API,
// /metrics and /uploads answer as before: the UI never shadows them.
import { type Db, createPrismaClient } from '@herald/db';
import { type HeraldStack, type TestOrganization, createTestOrganization, startHeraldStack, testEnv } from '@herald/testing';

describe('the web UI served by the API', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${stack.apiUrl}${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  }

  function scriptOf(html: string): string {
    const src = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    if (!src) throw new Error(`index.html names no module script:\n${html}`);
    return src;
  }

  it('should serve index.html at / with the script it names', async () => {
    const page = await get('/', { accept: 'text/html' });
    expect({ status: page.status, type: page.type, root: page.body.includes('<div id="root"></div>') }).toEqual({
      status: 200,
      type: expect.stringContaining('text/html'),
      root: true,
    });

    const script = await get(scriptOf(page.body));
    expect({ status: script.status, type: script.type, react: script.body.includes('Organization API key') }).toEqual({
      status: 200,
      type: expect.stringContaining('javascript'),
      react: true,
    });
  });

  it('should open a client route on reload, with the same index.html', async () => {
    const [root, post, channels] = await Promise.all([get('/'), get('/posts/some-post-id'), get('/channels')]);
    expect([post.status, post.type, post.body]).toEqual([200, expect.stringContaining('text/html'), root.body]);
    expect([channels.status, channels.body]).toEqual([200, root.body]);
  });

  it('should leave /api, /metrics and /uploads to the API', async () => {
    const channels = await get('/api/public/v1/integrations', { authorization: org.apiKey });
    expect([channels.status, channels.type, (JSON.parse(channels.body) as unknown[]).length]).toEqual([200, expect.stringContaining('application/json'), 1]);

    const unknown = await get('/api/public/v1/no-such-route', { authorization: org.apiKey, accept: 'text/html' });
    expect([unknown.status, unknown.type, (JSON.parse(unknown.body) as { code: string }).code]).toEqual([404, expect.stringContaining('application/json'), 'NOT_FOUND']);

    const metrics = await get('/metrics');
    expect([metrics.status, metrics.body.includes('# HELP')]).toEqual([200, true]);

    const upload = await get('/uploads/missing.jpg', { accept: 'text/html' });
    expect([upload.status, upload.body.includes('<div id="root">')]).toEqual([404, false]);
  });

  it('should answer a missing asset with 404, not with HTML', async () => {
    const asset = await get('/assets/index-missing.js');
    expect([asset.status, asset.body.includes('<div id="root">')]).toEqual([404, false]);
  });
});
