import { startHarness, type Harness } from '../__fixtures__/sandbox.harness';
import type { MetaAccountView } from '../meta/accounts/meta-account.view';
import type { RequestLogEntry } from '../state/request-log';

describe('Admin API', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('should answer health', async () => {
    expect((await h.admin('GET', '/health')).body).toEqual({ ok: true });
  });

  it('should create an Instagram account on its own new Page, or linked to an existing one', async () => {
    const alone = await h.admin<MetaAccountView>('POST', '/accounts', { network: 'instagram', name: 'Solo', username: 'solo.ig' });
    expect(alone.status).toBe(201);
    expect(alone.body).toMatchObject({
      network: 'instagram',
      name: 'Solo',
      username: 'solo.ig',
      id: expect.stringMatching(/^1784\d{13}$/),
      pageId: expect.stringMatching(/^\d{17}$/),
      accessToken: expect.stringMatching(/^EAA/),
      userAccessToken: expect.stringMatching(/^EAA/),
      instagramLoginToken: expect.stringMatching(/^IGAA/),
      state: { identityCheckpoint: false, tokenExpired: false, permissionMissing: false, quotaUsage: 0, quotaTotal: 100 },
    });
    const pages = (await h.admin<{ accounts: MetaAccountView[] }>('GET', '/accounts?network=facebook')).body.accounts;
    const ownPage = pages.find((p) => p.id === alone.body.pageId)!;
    expect(ownPage.accessToken).toBe(alone.body.accessToken);
    expect(ownPage.instagramAccountId).toBe(alone.body.id);

    const page = await h.account('facebook', { name: 'Linked Page' });
    const linked = await h.account('instagram', { pageId: page.id });
    expect(linked.pageId).toBe(page.id);
    expect(linked.accessToken).toBe(page.accessToken);
    const twice = await h.admin<{ error: { message: string } }>('POST', '/accounts', { network: 'instagram', pageId: page.id });
    expect(twice.status).toBe(409);
    const nowhere = await h.admin('POST', '/accounts', { network: 'instagram', pageId: '999' });
    expect(nowhere.status).toBe(404);
    const unknown = await h.admin<{ error: { message: string } }>('POST', '/accounts', { network: 'myspace' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('facebook, instagram');
  });

  it('should patch flags, refuse bad values and unknown accounts', async () => {
    const ig = await h.account('instagram');
    const patched = await h.admin<MetaAccountView>('PATCH', `/accounts/${ig.id}`, { tokenExpired: true, quotaTotal: 25, quotaUsage: 4 });
    expect(patched.body.state).toEqual({ identityCheckpoint: false, tokenExpired: true, permissionMissing: false, quotaUsage: 4, quotaTotal: 25 });
    expect((await h.admin('PATCH', `/accounts/${ig.id}`, { tokenExpired: 'yes' })).status).toBe(400);
    expect((await h.admin('PATCH', `/accounts/${ig.pageId}`, { quotaTotal: 3 })).status).toBe(400);
    expect((await h.admin('PATCH', '/accounts/123', { tokenExpired: true })).status).toBe(404);
  });

  it('should log network calls with tokens shortened, filterable by since, method and path', async () => {
    const page = await h.account('facebook');
    const before = (await h.admin<{ requests: RequestLogEntry[] }>('GET', '/requests')).body.requests.at(-1)?.id ?? 0;
    await h.graph('GET', `/${page.id}`, { token: page.accessToken, version: 'v23.0', query: { fields: 'name' } });
    await h.graph('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'logged', access_token: page.accessToken } });

    const all = (await h.admin<{ requests: RequestLogEntry[] }>('GET', `/requests?since=${before}`)).body.requests;
    expect(all.map((r) => [r.method, r.host, r.path, r.status])).toEqual([
      ['GET', 'graph.facebook.com', `/${page.id}`, 200],
      ['POST', 'graph.facebook.com', `/${page.id}/feed`, 200],
    ]);
    expect(all[0]).toMatchObject({ version: 'v23.0', query: { fields: 'name', access_token: `${page.accessToken.slice(0, 6)}…` } });
    expect(all[1]!.body).toEqual({ message: 'logged', access_token: `${page.accessToken.slice(0, 6)}…` });
    expect(JSON.stringify(all)).not.toContain(page.accessToken);
    expect(all[0]!.durationMs).toEqual(expect.any(Number));

    const posts = (await h.admin<{ requests: RequestLogEntry[] }>('GET', `/requests?since=${before}&method=post&pathContains=/feed`)).body.requests;
    expect(posts.map((r) => r.id)).toEqual([all[1]!.id]);
  });

  it('should move the clock forward by offsetMs', async () => {
    const before = (await h.admin<{ now: string; offsetMs: number }>('GET', '/clock')).body;
    const after = (await h.admin<{ now: string; offsetMs: number }>('POST', '/clock', { offsetMs: 86_400_000 })).body;
    expect(after.offsetMs).toBe(before.offsetMs + 86_400_000);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
    expect((await h.admin('POST', '/clock', { offsetMs: 'tomorrow' })).status).toBe(400);
    await h.admin('POST', '/clock', { offsetMs: -after.offsetMs });
  });

  it('should reset to the seeded accounts only', async () => {
    const own = await h.account('facebook');
    await h.graph('POST', `/${own.id}/feed`, { token: own.accessToken, json: { message: 'gone after reset' } });
    await h.admin('POST', '/faults', { path: 'x', status: 500 });
    expect((await h.admin('POST', '/reset')).body).toEqual({ ok: true });

    const accounts = (await h.admin<{ accounts: MetaAccountView[] }>('GET', '/accounts')).body.accounts;
    expect(accounts.map((a) => [a.network, a.username])).toEqual([
      ['facebook', 'heralddemo'],
      ['instagram', 'herald.demo'],
      ['tiktok', 'herald.demo'],
    ]);
    expect((await h.admin<{ items: unknown[] }>('GET', '/published')).body.items).toEqual([]);
    expect((await h.admin<{ faults: unknown[] }>('GET', '/faults')).body.faults).toEqual([]);
    const stale = await h.graph<{ error: { code: number } }>('GET', `/${own.id}`, { token: own.accessToken });
    expect(stale.body.error.code).toBe(190);
  });

  it('should answer unknown paths with 404 JSON', async () => {
    expect((await h.admin('GET', '/nothing')).status).toBe(404);
    const outside = await fetch(`${h.sandbox.url}/api.example.com/v1/x`);
    expect(outside.status).toBe(404);
  });
});
