import { startHarness, type GraphErrorShape, type Harness } from '../../__fixtures__/sandbox.harness';
import type { MetaAccountView } from '../accounts/meta-account.view';

describe('Meta tokens and login', () => {
  let h: Harness;
  let ig: MetaAccountView;
  const redirectUri = 'https://herald.example/oauth/callback';

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    ig = await h.account('instagram', { name: 'Login Spec', username: 'login.spec' });
  });
  afterEach(async () => {
    const clock = await h.admin<{ offsetMs: number }>('GET', '/clock');
    await h.admin('POST', '/clock', { offsetMs: -clock.body.offsetMs });
  });

  /** Follows a consent screen and returns the redirect it answers with. */
  const consent = async (path: string, query: Record<string, string>) => {
    const url = new URL(`${h.sandbox.url}${path}`);
    for (const [k, v] of Object.entries({ client_id: '1234', redirect_uri: redirectUri, ...query })) url.searchParams.set(k, v);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  };

  it('should log in with Facebook: dialog code, short-lived then long-lived user token, Pages with tokens', async () => {
    const location = await consent('/www.facebook.com/v21.0/dialog/oauth', { state: 's1', sandbox_account: ig.id, scope: 'pages_manage_posts' });
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.hash).toBe('#_=_');
    const code = location.searchParams.get('code')!;

    const exchange = (query: Record<string, string>) => h.graph<{ access_token: string; expires_in: number } & GraphErrorShape>('GET', '/oauth/access_token', { query });
    const short = await exchange({ client_id: '1234', client_secret: 'secret', redirect_uri: redirectUri, code });
    expect(short.body).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: 'bearer', expires_in: 3600 });
    expect((await exchange({ client_id: '1234', client_secret: 'secret', redirect_uri: redirectUri, code })).body.error).toMatchObject({ code: 100, error_subcode: 36009 });

    const long = await exchange({ grant_type: 'fb_exchange_token', client_id: '1234', client_secret: 'secret', fb_exchange_token: short.body.access_token });
    expect(long.body.expires_in).toBe(5_183_944);

    const accounts = await h.graph<{ data: Array<Record<string, unknown>> }>('GET', '/me/accounts', {
      token: long.body.access_token,
      query: { fields: 'id,name,access_token,instagram_business_account' },
    });
    expect(accounts.body.data).toEqual([{ id: ig.pageId, name: 'Login Spec Page', access_token: ig.accessToken, instagram_business_account: { id: ig.id } }]);
    const permissions = await h.graph<{ data: Array<{ permission: string; status: string }> }>('GET', '/me/permissions', { token: long.body.access_token });
    expect(permissions.body.data).toContainEqual({ permission: 'instagram_content_publish', status: 'granted' });

    await h.admin('POST', '/clock', { offsetMs: 5_184_000_000 });
    const expired = await h.graph<GraphErrorShape>('GET', '/me', { token: long.body.access_token });
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('should report a declined publishing permission when the account lacks it', async () => {
    await h.admin('PATCH', `/accounts/${ig.id}`, { permissionMissing: true });
    const permissions = await h.graph<{ data: Array<{ permission: string; status: string }> }>('GET', '/me/permissions', { token: ig.userAccessToken });
    expect(permissions.body.data).toContainEqual({ permission: 'instagram_content_publish', status: 'declined' });
    expect(permissions.body.data).toContainEqual({ permission: 'pages_manage_posts', status: 'granted' });
  });

  it('should log in with Instagram: code for a short-lived token with a numeric user_id, then a long-lived one, refreshable after 24 h', async () => {
    const location = await consent('/www.instagram.com/oauth/authorize', { sandbox_account: ig.id, response_type: 'code' });
    expect(location.hash).toBe('#_');
    const response = await fetch(`${h.sandbox.url}/api.instagram.com/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: '1234', client_secret: 'secret', grant_type: 'authorization_code', redirect_uri: redirectUri, code: location.searchParams.get('code')! }),
    });
    const text = await response.text();
    expect(text).toMatch(/"user_id":\d{17},/);
    const short = JSON.parse(text) as { access_token: string };

    const me = await h.graph<{ user_id: string; username: string }>('GET', '/me', {
      host: 'graph.instagram.com',
      token: short.access_token,
      query: { fields: 'user_id,username' },
    });
    expect(me.body).toMatchObject({ user_id: ig.id, username: 'login.spec' });
    expect(text).toContain(`"user_id":${(me.body as unknown as { id: string }).id},`);

    const long = await h.graph<{ access_token: string; expires_in: number }>('GET', '/access_token', {
      host: 'graph.instagram.com',
      version: null,
      query: { grant_type: 'ig_exchange_token', client_secret: 'secret', access_token: short.access_token },
    });
    expect(long.body).toMatchObject({ token_type: 'bearer', expires_in: 5_183_944 });

    const refresh = () =>
      h.graph<{ access_token: string } & GraphErrorShape>('GET', '/refresh_access_token', {
        host: 'graph.instagram.com',
        version: null,
        query: { grant_type: 'ig_refresh_token', access_token: long.body.access_token },
      });
    expect((await refresh()).body.error).toMatchObject({ code: 100 });
    await h.admin('POST', '/clock', { offsetMs: 25 * 3_600_000 });
    const refreshed = await refresh();
    expect(refreshed.body.access_token).toMatch(/^IGAA/);
    expect(refreshed.body.access_token).not.toBe(long.body.access_token);
  });

  it('should answer api.instagram.com errors in its own shape', async () => {
    const response = await fetch(`${h.sandbox.url}/api.instagram.com/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: '1234', client_secret: 'secret', grant_type: 'authorization_code', redirect_uri: redirectUri, code: 'AQnope' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error_type: 'OAuthException', code: 400, error_message: 'Invalid verification code format.' });
  });
});
