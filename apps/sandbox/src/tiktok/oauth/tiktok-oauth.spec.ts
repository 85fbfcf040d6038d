import { createHash } from 'node:crypto';
import { startHarness, type Harness } from '../../__fixtures__/sandbox.harness';
import { patchTikTok, post, tiktok, tiktokAccount } from '../../__fixtures__/tiktok.harness';
import type { TikTokAccountView } from '../accounts/tiktok-account.view';
import type { TokenAnswer } from './tiktok-oauth.handlers';

interface OAuthErrorBody {
  error: string;
  error_description: string;
  log_id: string;
}

describe('TikTok OAuth', () => {
  let h: Harness;
  let creator: TikTokAccountView;
  const redirectUri = 'https://herald.example/oauth/tiktok/callback';

  beforeAll(async () => {
    h = await startHarness({ tiktok: { accessTokenTtlSec: 7200, refreshTokenTtlSec: 15_552_000 } });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    creator = await tiktokAccount(h, { name: 'OAuth Spec', username: 'oauth.spec' });
  });
  afterEach(async () => {
    const clock = await h.admin<{ offsetMs: number }>('GET', '/clock');
    await h.admin('POST', '/clock', { offsetMs: -clock.body.offsetMs });
  });

  /** Follows the consent screen and returns the redirect it answers with. */
  const consent = async (query: Record<string, string>) => {
    const url = new URL(`${h.sandbox.url}/www.tiktok.com/v2/auth/authorize/`);
    for (const [k, v] of Object.entries({ client_key: 'awherald', redirect_uri: redirectUri, response_type: 'code', ...query })) url.searchParams.set(k, v);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  };
  const token = (form: Record<string, string>) =>
    tiktok(h, 'POST', '/v2/oauth/token/', { form: { client_key: 'awherald', client_secret: 'secret', ...form } }) as unknown as Promise<{
      status: number;
      body: TokenAnswer & OAuthErrorBody;
    }>;
  const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });

  it('should log in: consent redirect with a code, exchanged once for tokens with the configured lifetimes', async () => {
    const location = await consent({ state: 's1', scope: 'user.info.basic,video.publish,video.upload', sandbox_account: 'oauth.spec' });
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect([location.searchParams.get('state'), location.searchParams.get('scopes')]).toEqual(['s1', 'user.info.basic,video.publish,video.upload']);
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/\*0!\d{4}$/);

    const issued = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(issued.status).toBe(200);
    expect(issued.body).toEqual({
      access_token: expect.stringMatching(/^act\.\w{64}!\d{4}$/),
      expires_in: 7200,
      open_id: creator.id,
      refresh_expires_in: 15_552_000,
      refresh_token: expect.stringMatching(/^rft\.\w{64}!\d{4}$/),
      scope: 'user.info.basic,video.publish,video.upload',
      token_type: 'Bearer',
    });
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect([again.status, again.body.error]).toEqual([200, 'invalid_grant']);

    const me = await tiktok<{ user: Record<string, unknown> }>(h, 'GET', '/v2/user/info/', {
      token: issued.body.access_token,
      query: { fields: 'open_id,union_id,display_name,username,avatar_url' },
    });
    expect(me.body.data.user).toEqual({
      open_id: creator.id,
      union_id: creator.unionId,
      display_name: 'OAuth Spec',
      username: 'oauth.spec',
      avatar_url: 'https://p16-sign.tiktokcdn-us.com/sandbox/oauth.spec.jpeg',
    });
    // video.list was not granted.
    const list = await tiktok(h, 'POST', '/v2/video/list/', { token: issued.body.access_token, query: { fields: 'id' }, json: {} });
    expect([list.status, list.body.error.code]).toEqual([401, 'scope_not_authorized']);

    await h.admin('POST', '/clock', { offsetMs: 7200_000 });
    const expired = await post(h, '/v2/post/publish/creator_info/query/', issued.body.access_token);
    expect([expired.status, expired.body.error.code]).toEqual([401, 'access_token_invalid']);
  });

  it('should check the PKCE verifier of a code that was asked with a challenge', async () => {
    const verifier = 'v'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('hex');
    const code = (await consent({ sandbox_account: creator.id, code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: 'w'.repeat(43) });
    expect(wrong.body).toMatchObject({ error: 'invalid_request', error_description: 'Code verifier or code challenge is invalid.' });
    const right = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(right.body.open_id).toBe(creator.id);
  });

  it('should redirect a refusal with error=access_denied and keep the state', async () => {
    const location = await consent({ state: 's2', sandbox_deny: '1' });
    expect([location.searchParams.get('error'), location.searchParams.get('state'), location.searchParams.get('code')]).toEqual(['access_denied', 's2', null]);
  });

  it('should rotate the refresh token on every refresh: the new one works, the used one is invalid_grant', async () => {
    const first = await refresh(creator.refreshToken);
    expect(first.body).toMatchObject({ open_id: creator.id, expires_in: 7200, refresh_expires_in: 15_552_000, token_type: 'Bearer' });
    expect(first.body.refresh_token).not.toBe(creator.refreshToken);
    const reused = await refresh(creator.refreshToken);
    expect(reused.status).toBe(200);
    expect(reused.body).toEqual({ error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.', log_id: expect.any(String) });

    const second = await refresh(first.body.refresh_token);
    expect(second.body.access_token).toMatch(/^act\./);
    const accounts = (await h.admin<{ accounts: TikTokAccountView[] }>('GET', '/accounts?network=tiktok')).body.accounts;
    expect(accounts.find((a) => a.id === creator.id)).toMatchObject({ accessToken: second.body.access_token, refreshToken: second.body.refresh_token });
    expect((await post(h, '/v2/post/publish/creator_info/query/', second.body.access_token)).status).toBe(200);
  });

  it('should answer 401 access_token_invalid while tokenExpired is set, and let a refresh bring a working token', async () => {
    const flagged = await patchTikTok(h, creator.id, { tokenExpired: true });
    expect(flagged.state.tokenExpired).toBe(true);
    const refused = await post(h, '/v2/post/publish/creator_info/query/', creator.accessToken);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'access_token_invalid']);
    const renewed = await refresh(creator.refreshToken);
    expect((await post(h, '/v2/post/publish/creator_info/query/', renewed.body.access_token)).status).toBe(200);
    const accounts = (await h.admin<{ accounts: TikTokAccountView[] }>('GET', '/accounts?network=tiktok')).body.accounts;
    expect(accounts.find((a) => a.id === creator.id)!.state.tokenExpired).toBe(false);
  });

  it('should answer invalid_grant with HTTP 200 once the refresh token is revoked', async () => {
    const revoked = await patchTikTok(h, creator.id, { refreshTokenRevoked: true });
    expect(revoked.state.refreshTokenRevoked).toBe(true);
    const answer = await refresh(creator.refreshToken);
    expect([answer.status, answer.body.error]).toEqual([200, 'invalid_grant']);
    expect((await token({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    expect((await token({ grant_type: 'refresh_token' })).body.error).toBe('invalid_request');
    // The endpoint reads a form body only, as documented.
    const json = await tiktok<never>(h, 'POST', '/v2/oauth/token/', { json: { client_key: 'k', client_secret: 's', grant_type: 'refresh_token', refresh_token: creator.refreshToken } });
    expect(json.body).toMatchObject({ error: 'invalid_request', error_description: 'The parameter grant_type is required.' });
  });

  it('should keep the admin tokens working however far the clock moves', async () => {
    await h.admin('POST', '/clock', { offsetMs: 400 * 86_400_000 });
    expect((await post(h, '/v2/post/publish/creator_info/query/', creator.accessToken)).status).toBe(200);
    expect((await refresh(creator.refreshToken)).body.access_token).toMatch(/^act\./);
    const none = await post(h, '/v2/post/publish/creator_info/query/', 'act.unknown');
    expect([none.status, none.body.error.code]).toEqual([401, 'access_token_invalid']);
  });
});
