// TikTok through the public API to the sandbox's Content Posting API: every post kind, the
// account's rules, token refresh and rate limits.
import path from 'node:path';
import { CredentialsCipher, type Db, IntegrationRepository, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type SandboxPublished,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

const PHOTO = path.join(__dirname, 'fixtures/photo.jpg');
const CLIP = path.join(__dirname, 'fixtures/clip.mp4');

async function tiktokItems(stack: HeraldStack, org: TestOrganization): Promise<SandboxPublished[]> {
  return stack.sandbox.published({ network: 'tiktok', accountId: org.channels.tiktok!.account.id });
}

describe('TikTok, media pulled from Herald\'s verified domain', () => {
  let stack: HeraldStack;
  let db: Db;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterEach(async () => {
    await stack.sandbox.clearFaults();
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  async function tiktok(state: Record<string, unknown> = {}) {
    const org = await createTestOrganization(db, stack.sandbox, ['tiktok']);
    if (Object.keys(state).length) await stack.sandbox.updateAccount(org.channels.tiktok!.account.id, state);
    return { org, api: new PublicApiClient(stack.apiUrl, org.apiKey), channel: org.channels.tiktok!.integration.id };
  }

  it('should publish a video, with TikTok\'s 19-digit post id intact', async () => {
    const { org, api, channel } = await tiktok();
    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'A clip #herald', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));

    const [item] = await tiktokItems(stack, org);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: item!.id });
    expect(item).toMatchObject({ kind: 'video', text: 'A clip #herald', mode: 'direct', privacyLevel: 'PUBLIC_TO_EVERYONE' });
    expect(item!.id).toMatch(/^\d{19}$/);
    expect(String(post.releaseURL)).toBe(`https://www.tiktok.com/@${org.channels.tiktok!.account.username}/video/${item!.id}`);
  });

  it('should publish a photo post of two JPEGs', async () => {
    const { org, api, channel } = await tiktok();
    const post = await api.waitForOutcome(
      await api.schedule(channel, { content: 'Two photos', files: [PHOTO, PHOTO] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE', title: 'Harbour' } }),
    );

    const items = await tiktokItems(stack, org);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'photo', media: [expect.anything(), expect.anything()] });
  });

  it('should record the photo post TikTok made, not an earlier one of the same title, when the answer to its publish call is lost', async () => {
    const { org, api, channel } = await tiktok();
    const settings = { privacy_level: 'PUBLIC_TO_EVERYONE', title: 'This week' };
    const monday = await api.waitForOutcome(await api.schedule(channel, { content: 'Monday: lemon cake', files: [PHOTO] }, { settings }));
    // TikTok makes the second post, but its answer is lost: Herald must find it among the
    // account's posts, where the first one has the same title.
    await stack.sandbox.addFault({ method: 'POST', host: 'open.tiktokapis.com', path: '^/v2/post/publish/content/init/$', dropResponse: true });

    const tuesday = await api.waitForOutcome(await api.schedule(channel, { content: 'Tuesday: chocolate cake', files: [PHOTO] }, { settings }));

    // Each made once, and each recorded with its own id.
    const items = await tiktokItems(stack, org);
    expect(items.map((i) => i.text)).toEqual(['Monday: lemon cake', 'Tuesday: chocolate cake']);
    expect(monday).toMatchObject({ heraldState: 'PUBLISHED', releaseId: items[0]!.id });
    expect(tuesday).toMatchObject({ heraldState: 'PUBLISHED', releaseId: items[1]!.id });
  });

  it('should send a video to the creator\'s inbox, recorded as Postiz does ("missing")', async () => {
    const { org, api, channel } = await tiktok();
    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'Draft for later', files: [CLIP] }, { settings: { content_posting_method: 'UPLOAD' } }));

    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: 'missing' });
    expect((await tiktokItems(stack, org))[0]).toMatchObject({ mode: 'inbox', status: 'SEND_TO_USER_INBOX' });
  });

  it('should explain that an unaudited app posts only "Only me" to a private account, and publish nothing', async () => {
    const { org, api, channel } = await tiktok({ unauditedApp: true });
    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'Public please', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'PRIVACY_NOT_ALLOWED' });
    expect(String(post.error)).toMatch(/not yet audited.*SELF_ONLY.*private/i);
    expect(await tiktokItems(stack, org)).toHaveLength(0);
  });

  it('should publish "Only me" from an unaudited app to a private account, linking the profile', async () => {
    const { org, api, channel } = await tiktok({ unauditedApp: true, privateAccount: true });
    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'Just me', files: [CLIP] }, { settings: { privacy_level: 'SELF_ONLY' } }));

    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(String(post.releaseURL)).toBe(`https://www.tiktok.com/@${org.channels.tiktok!.account.username}`);
    expect((await tiktokItems(stack, org))[0]).toMatchObject({ privacyLevel: 'SELF_ONLY' });
  });

  it('should refuse at scheduling a visibility the account does not offer, and a MOV video', async () => {
    const { api, channel } = await tiktok({ privateAccount: true });
    const upload = await api.upload(CLIP);

    const publicOnPrivate = await api.request('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 3_600_000).toISOString(),
      posts: [{ integration: { id: channel }, value: [{ content: 'x', image: [upload.body] }], settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }],
    });
    const mov = await api.request('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 3_600_000).toISOString(),
      posts: [{ integration: { id: channel }, value: [{ content: 'x', image: [{ path: 'https://cdn.example.com/clip.mov' }] }] }],
    });

    expect(publicOnPrivate).toMatchObject({ status: 400, body: { field: 'posts[0].settings.privacy_level', provider: 'tiktok' } });
    expect(String(publicOnPrivate.body.message)).toMatch(/SELF_ONLY/);
    expect(mov).toMatchObject({ status: 400, body: { field: 'posts[0].value[0].image[0].path' } });
    expect(String(mov.body.message)).toMatch(/MP4/);
  });

  it('should refresh a rejected token once, store the rotated refresh token, and publish', async () => {
    const { org, api, channel } = await tiktok();
    const integrations = new IntegrationRepository(db, new CredentialsCipher(testEnv().encryptionKey));
    const before = await integrations.getCredentials(org.organizationId, channel);
    await stack.sandbox.updateAccount(org.channels.tiktok!.account.id, { tokenExpired: true });

    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'After refresh', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));
    const after = await integrations.getCredentials(org.organizationId, channel);

    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(await stack.sandbox.requests({ method: 'POST', pathContains: '/v2/oauth/token/' })).toHaveLength(1);
  });

  it('should mark the channel "reconnect needed" when TikTok refuses the refresh token', async () => {
    const { org, api, channel } = await tiktok();
    await stack.sandbox.updateAccount(org.channels.tiktok!.account.id, { tokenExpired: true, refreshTokenRevoked: true });

    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'Revoked', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));
    const integrations = await api.request<Array<{ id: string; refreshNeeded: boolean }>>('GET', '/integrations');

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'RECONNECT_NEEDED' });
    expect(integrations.body.find((i) => i.id === channel)?.refreshNeeded).toBe(true);
    expect(await tiktokItems(stack, org)).toHaveLength(0);
  });

  it('should wait as long as TikTok\'s Retry-After says, then publish once', async () => {
    const { org, api, channel } = await tiktok();
    await stack.sandbox.addFault({
      method: 'POST',
      host: 'open.tiktokapis.com',
      path: '^/v2/post/publish/video/init/$',
      status: 429,
      headers: { 'Retry-After': '3' },
      times: 1,
    });

    const post = await api.waitForOutcome(await api.schedule(channel, { content: 'Throttled', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));
    const inits = await stack.sandbox.requests({ method: 'POST', pathContains: '/v2/post/publish/video/init/' });
    const mine = inits.slice(-2);

    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(mine.map((r) => r.status)).toEqual([429, 200]);
    expect(Date.parse(mine[1]!.at) - Date.parse(mine[0]!.at)).toBeGreaterThanOrEqual(3_000);
    expect(await tiktokItems(stack, org)).toHaveLength(1);
  });

  it('should name the domain to verify when TikTok refuses to pull from it', async () => {
    const { org, api, channel } = await tiktok();
    await stack.sandbox.setTikTokVerifiedPrefixes([]);
    try {
      const post = await api.waitForOutcome(await api.schedule(channel, { content: 'Unverified', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));
      expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'VALIDATION' });
      expect(String(post.error)).toContain(new URL(stack.apiUrl).origin);
      expect(await tiktokItems(stack, org)).toHaveLength(0);
    } finally {
      await stack.sandbox.setTikTokVerifiedPrefixes([`${stack.apiUrl}/uploads/`]);
    }
  });
});

describe('TikTok, video uploaded by Herald in chunks (no verified domain)', () => {
  let stack: HeraldStack;
  let db: Db;

  beforeAll(async () => {
    stack = await startHeraldStack({ TIKTOK_VERIFIED_URL_PREFIXES: '', SANDBOX_TIKTOK_VERIFIED_PREFIXES: '' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should upload the video with FILE_UPLOAD and publish it', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['tiktok']);
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);

    const post = await api.waitForOutcome(await api.schedule(org.channels.tiktok!.integration.id, { content: 'Uploaded', files: [CLIP] }, { settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }));

    const [item] = await tiktokItems(stack, org);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: item!.id });
    expect(item!.media[0]).toMatchObject({ upload: true, contentType: 'video/mp4' });
    expect(await stack.sandbox.requests({ method: 'PUT', host: 'open-upload.tiktokapis.com' })).toHaveLength(1);
  });

  it('should refuse photos at scheduling: TikTok pulls photos only from a verified domain', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['tiktok']);
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const upload = await api.upload(PHOTO);

    const response = await api.request('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 3_600_000).toISOString(),
      posts: [{ integration: { id: org.channels.tiktok!.integration.id }, value: [{ content: 'x', image: [upload.body] }] }],
    });

    expect(response.status).toBe(400);
    expect(String(response.body.message)).toMatch(/verif/i);
  });
});
