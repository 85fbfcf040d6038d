import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, startHarness, type Harness } from '../__fixtures__/sandbox.harness';
import { fileSource, pollStatus, post, putChunk, tiktok, tiktokAccount, type InitData } from '../__fixtures__/tiktok.harness';
import type { PublishedItem } from '../state/published-item.types';
import type { RequestLogEntry } from '../state/request-log';
import type { TikTokAccountView } from './accounts/tiktok-account.view';

describe('TikTok network: admin API, faults, persistence', () => {
  let h: Harness;
  const clip = fixture('clip.mp4');

  beforeAll(async () => {
    h = await startHarness({ tiktok: { verifiedUrlPrefixes: ['https://cdn.herald.example/media/'] } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.admin('DELETE', '/faults'));

  const accounts = async () => (await h.admin<{ accounts: TikTokAccountView[] }>('GET', '/accounts?network=tiktok')).body.accounts;

  it('should seed the demo account, public and audited, and create accounts in the same shape', async () => {
    const [demo] = await accounts();
    expect(demo).toMatchObject({
      network: 'tiktok',
      id: expect.stringMatching(/^-000[\w-]{32}$/),
      name: 'Herald Demo',
      username: 'herald.demo',
      accessToken: expect.stringMatching(/^act\./),
      refreshToken: expect.stringMatching(/^rft\./),
      state: { unauditedApp: false, privateAccount: false, tokenExpired: false, refreshTokenRevoked: false, maxVideoDurationSec: 600 },
    });
    const created = await h.admin<TikTokAccountView>('POST', '/accounts', { network: 'tiktok', name: 'Shop', username: 'shop.tt', unauditedApp: true, privateAccount: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ network: 'tiktok', name: 'Shop', username: 'shop.tt', state: { unauditedApp: true, privateAccount: true, dailyCapReached: false } });
    expect((await accounts()).map((a) => a.id)).toContain(created.body.id);
  });

  it('should patch account states and refuse unknown keys or bad values', async () => {
    const account = await tiktokAccount(h);
    const patched = await h.admin<TikTokAccountView>('PATCH', `/accounts/${account.id}`, {
      dailyCapReached: true,
      bannedFromPosting: true,
      tooManyPendingShares: true,
      activeUserCapReached: true,
      duetDisabled: true,
      stitchDisabled: true,
      maxVideoDurationSec: 300,
      nextPublishFailReason: 'internal',
    });
    expect(patched.body.state).toMatchObject({
      dailyCapReached: true,
      bannedFromPosting: true,
      tooManyPendingShares: true,
      activeUserCapReached: true,
      duetDisabled: true,
      stitchDisabled: true,
      maxVideoDurationSec: 300,
      nextPublishFailReason: 'internal',
    });
    expect((await h.admin('PATCH', `/accounts/${account.id}`, { nextPublishFailReason: null })).body).toMatchObject({ state: { nextPublishFailReason: null } });
    for (const bad of [{ quotaTotal: 3 }, { privateAccount: 'yes' }, { maxVideoDurationSec: 0 }, { nextPublishFailReason: 'Bad Reason' }]) {
      expect((await h.admin('PATCH', `/accounts/${account.id}`, bad)).status).toBe(400);
    }
  });

  it('should start with the configured verified prefixes and replace them through PUT', async () => {
    const initial = await h.admin<{ prefixes: string[] }>('GET', '/tiktok/verified-url-prefixes');
    expect(initial.body.prefixes).toEqual(['https://cdn.herald.example/media/']);
    const replaced = await h.admin<{ prefixes: string[] }>('PUT', '/tiktok/verified-url-prefixes', { prefixes: [h.media.url, h.media.url, 'https://x.example/a/'] });
    expect(replaced.body.prefixes).toEqual([h.media.url, 'https://x.example/a/']);
    const bad = await h.admin<{ error: { message: string } }>('PUT', '/tiktok/verified-url-prefixes', { prefixes: ['ftp://files.example/'] });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'not absolute http(s) URLs: "ftp://files.example/"']);
  });

  it('should answer an injected status in TikTok\'s envelope on the API and the upload host, without applying the call', async () => {
    const account = await tiktokAccount(h);
    await h.admin('POST', '/faults', { method: 'POST', host: 'open.tiktokapis.com', path: '^/v2/post/publish/video/init/$', status: 503 });
    const init = () => post<InitData>(h, '/v2/post/publish/video/init/', account.accessToken, { post_info: { privacy_level: 'SELF_ONLY' }, source_info: fileSource(clip.length) });
    const faulted = await init();
    expect([faulted.status, faulted.body.error.code]).toEqual([503, 'internal_error']);
    const started = await init();
    await h.admin('POST', '/faults', { host: 'open-upload.tiktokapis.com', path: '^/video/$', status: 500 });
    const failedChunk = await putChunk(started.body.data.upload_url!, clip, 0, clip.length);
    expect([failedChunk.status, failedChunk.body.error.code]).toEqual([500, 'internal_error']);
    // Nothing was received: the same chunk goes through on retry.
    expect((await putChunk(started.body.data.upload_url!, clip, 0, clip.length)).status).toBe(201);
  });

  it('should apply a PULL_FROM_URL init whose answer is dropped: the post is made and the log shows the drop', async () => {
    const account = await tiktokAccount(h);
    await h.admin('PUT', '/tiktok/verified-url-prefixes', { prefixes: [h.media.url] });
    await h.admin('POST', '/faults', { method: 'POST', path: '/video/init/$', dropResponse: true });
    const outcome = await post(h, '/v2/post/publish/video/init/', account.accessToken, {
      post_info: { title: 'lost init', privacy_level: 'PUBLIC_TO_EVERYONE' },
      source_info: { source: 'PULL_FROM_URL', video_url: `${h.media.url}/clip.mp4` },
    }).then(
      () => 'answered',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(outcome).toBe('UND_ERR_SOCKET');
    let items: PublishedItem[] = [];
    for (let i = 0; i < 50 && items.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      items = (await h.admin<{ items: PublishedItem[] }>('GET', `/published?accountId=${account.id}`)).body.items;
    }
    expect(items).toEqual([expect.objectContaining({ text: 'lost init', mode: 'direct', publishId: expect.stringMatching(/^v_pub_url~/) })]);
    const logged = (await h.admin<{ requests: RequestLogEntry[] }>('GET', '/requests?host=open.tiktokapis.com&pathContains=/video/init/')).body.requests;
    expect(logged.at(-1)).toMatchObject({ status: 200, dropped: true, token: `${account.accessToken.slice(0, 6)}…` });
  });

  it('should answer unknown TikTok paths with a 404 envelope', async () => {
    const answer = await tiktok(h, 'POST', '/v2/post/publish/nothing/', { token: 'x', json: {} });
    expect([answer.status, answer.body.error.code]).toEqual([404, 'not_found']);
  });

  it('should keep TikTok accounts, rotated tokens, publishes, posts and prefixes across two instances sharing a state file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-tiktok-'));
    const stateFile = path.join(dir, 'state.json');
    try {
      const first = await startHarness({ stateFile });
      await first.admin('PUT', '/tiktok/verified-url-prefixes', { prefixes: ['https://media.herald.example/'] });
      const account = await tiktokAccount(first, { username: 'persisted.tt', privateAccount: true });
      const rotated = (await tiktok(first, 'POST', '/v2/oauth/token/', {
        form: { client_key: 'k', client_secret: 's', grant_type: 'refresh_token', refresh_token: account.refreshToken },
      })) as unknown as { body: { access_token: string; refresh_token: string } };
      const started = await post<InitData>(first, '/v2/post/publish/video/init/', rotated.body.access_token, {
        post_info: { title: 'survives', privacy_level: 'FOLLOWER_OF_CREATOR' },
        source_info: fileSource(clip.length),
      });
      expect((await putChunk(started.body.data.upload_url!, clip, 0, clip.length)).status).toBe(201);
      await first.close();

      const second = await startHarness({ stateFile });
      try {
        const restored = (await second.admin<{ accounts: TikTokAccountView[] }>('GET', '/accounts?network=tiktok')).body.accounts.find((a) => a.id === account.id);
        expect(restored).toMatchObject({ username: 'persisted.tt', accessToken: rotated.body.access_token, refreshToken: rotated.body.refresh_token, state: { privateAccount: true } });
        expect((await second.admin<{ prefixes: string[] }>('GET', '/tiktok/verified-url-prefixes')).body.prefixes).toEqual(['https://media.herald.example/']);
        const { seen } = await pollStatus(second, rotated.body.access_token, started.body.data.publish_id);
        expect(seen.at(-1)).toBe('PUBLISH_COMPLETE');
        const items = (await second.admin<{ items: PublishedItem[] }>('GET', `/published?network=tiktok&accountId=${account.id}`)).body.items;
        expect(items).toEqual([expect.objectContaining({ text: 'survives', privacyLevel: 'FOLLOWER_OF_CREATOR', publiclyAvailable: false })]);
        const reused = (await tiktok(second, 'POST', '/v2/oauth/token/', {
          form: { client_key: 'k', client_secret: 's', grant_type: 'refresh_token', refresh_token: account.refreshToken },
        })) as unknown as { body: { error: string } };
        expect(reused.body.error).toBe('invalid_grant');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should forget TikTok accounts and rate-limit counts on reset, and seed the demo account again', async () => {
    const before = (await accounts())[0]!;
    await tiktokAccount(h);
    for (let i = 0; i < 20; i++) await post(h, '/v2/post/publish/creator_info/query/', before.accessToken);
    expect((await post(h, '/v2/post/publish/creator_info/query/', before.accessToken)).status).toBe(429);
    await h.admin('POST', '/reset');
    const after = await accounts();
    expect(after.map((a) => [a.id, a.accessToken])).toEqual([[before.id, before.accessToken]]);
    expect((await post(h, '/v2/post/publish/creator_info/query/', before.accessToken)).status).toBe(200);
    expect((await h.admin<{ prefixes: string[] }>('GET', '/tiktok/verified-url-prefixes')).body.prefixes).toEqual(['https://cdn.herald.example/media/']);
  });
});
