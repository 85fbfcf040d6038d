// Channels through the public API: Postiz's shapes for the list, groups, settings, time slots,
// deletion and uploads from a URL; Herald's additions; bad input and other tenants' resources.
// The stack runs in a zone far from UTC (HERALD_STACK_TZ) while this runner stays in UTC.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Db, createPrismaClient } from '@herald/db';
import { nextFreeSlot, zonedWallClock } from '@herald/domain';
import {
  type HeraldStack,
  PublicApiClient,
  REPO_ROOT,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

type View = Record<string, unknown>;
const FIXTURES = path.join(__dirname, 'fixtures');
// Small limits, so that files over them are small too: square.png (9,504 bytes) fits, photo.jpg (15,406) does not.
const IMAGE_LIMIT = 12_000;
const VIDEO_LIMIT = 200_000;
const POSTIZ_FIELDS = ['id', 'name', 'identifier', 'picture', 'disabled', 'profile'];
const HERALD_FIELDS = ['refreshNeeded', 'tokenExpiresAt', 'warning', 'postingTimes', 'timeZone'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

describe('channels through the public API', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let other: TestOrganization;
  let api: PublicApiClient;
  let otherApi: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack({ UPLOAD_MAX_IMAGE_BYTES: String(IMAGE_LIMIT), UPLOAD_MAX_VIDEO_BYTES: String(VIDEO_LIMIT) });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram', 'tiktok']);
    other = await createTestOrganization(db, stack.sandbox, ['facebook']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
    otherApi = new PublicApiClient(stack.apiUrl, other.apiKey);
  });

  afterAll(async () => {
    await stack?.sandbox.clearFaults();
    await stack?.stop();
    await db?.$disconnect();
  });

  const id = (o: TestOrganization, provider: 'facebook' | 'instagram' | 'tiktok') => o.channels[provider]!.integration.id;
  const list = async (client = api, query = '') => (await client.request<View[]>('GET', `/integrations${query}`)).body;
  const listed = async (channelId: string, client = api) => (await list(client)).find((i) => i.id === channelId);

  it('should list the channels in Postiz\'s shape, with Herald\'s fields after, and none of another organization\'s', async () => {
    const { status, body } = await api.request<View[]>('GET', '/integrations');

    expect(status).toBe(200);
    expect(body.map((i) => i.id).sort()).toEqual([id(org, 'facebook'), id(org, 'instagram'), id(org, 'tiktok')].sort());
    expect(Object.keys(body[0]!)).toEqual([...POSTIZ_FIELDS, ...HERALD_FIELDS]);
    expect(body.find((i) => i.identifier === 'facebook')).toMatchObject({ disabled: false, postingTimes: ['09:00', '12:00', '17:00'], timeZone: 'UTC' });
  });

  describe('groups (Postiz customers)', () => {
    it('should create a group, put a channel in it, list and filter by it, and take the channel out again', async () => {
      const created = await api.request<View>('POST', '/groups', { name: `Acme ${Date.now()}` });
      const group = String(created.body.id);

      const joined = await api.request<View>('PUT', `/integrations/${id(org, 'instagram')}/group`, { group });
      const groups = await api.request<View[]>('GET', '/groups');
      const filtered = await list(api, `?group=${group}`);
      const left = await api.request<View>('PUT', `/integrations/${id(org, 'instagram')}/group`, { group: null });

      expect(created.status).toBe(201);
      expect(Object.keys(created.body)).toEqual(['id', 'name']);
      expect(groups.body).toContainEqual(created.body);
      expect(joined).toMatchObject({ status: 200, body: { id: id(org, 'instagram'), customer: created.body } });
      expect(Object.keys(joined.body)).toEqual([...POSTIZ_FIELDS, 'customer', ...HERALD_FIELDS]);
      expect(filtered.map((i) => i.id)).toEqual([id(org, 'instagram')]);
      expect(left.status).toBe(200);
      expect(left.body).not.toHaveProperty('customer');
      expect(await list(api, `?group=${group}`)).toEqual([]);
    });

    it('should refuse a taken name (409), bad input (400 naming the field) and another organization\'s group or channel (404), changing nothing', async () => {
      const name = `Client ${Date.now()}`;
      const mine = await api.request<View>('POST', '/groups', { name });
      const theirs = await otherApi.request<View>('POST', '/groups', { name });
      const before = (await api.request<View[]>('GET', '/groups')).body;

      const taken = await api.request<View>('POST', '/groups', { name: name.toUpperCase() });
      const blank = await api.request<View>('POST', '/groups', { name: ' ' });
      const foreignGroup = await api.request<View>('PUT', `/integrations/${id(org, 'facebook')}/group`, { group: theirs.body.id });
      const foreignChannel = await api.request<View>('PUT', `/integrations/${id(other, 'facebook')}/group`, { group: mine.body.id });

      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(taken).toMatchObject({ status: 409, body: { code: 'CONFLICT', field: 'name' } });
      expect(blank).toMatchObject({ status: 400, body: { statusCode: 400, code: 'VALIDATION', field: 'name' } });
      expect(foreignGroup).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'group' } });
      expect(foreignChannel).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect((await api.request<View[]>('GET', '/groups')).body).toEqual(before);
      expect(before).not.toContainEqual(theirs.body);
      expect(await listed(id(org, 'facebook'))).not.toHaveProperty('customer');
      expect(await listed(id(other, 'facebook'), otherApi)).not.toHaveProperty('customer');
      expect(await list(api, `?group=${String(theirs.body.id)}`)).toEqual([]);
    });
  });

  describe('integration settings', () => {
    it.each([
      ['facebook', 63_206, ['url']],
      ['instagram', 2_200, ['post_type', 'collaborators']],
      ['tiktok', 2_200, ['privacy_level', 'comment', 'duet', 'stitch', 'content_posting_method', 'title', 'brand_content_toggle', 'brand_organic_toggle', 'autoAddMusic', 'video_made_with_ai']],
    ] as const)('should answer {output: {rules, maxLength, settings, tools}} for %s', async (provider, maxLength, settings) => {
      const { status, body } = await api.request<{ output: { rules: string; maxLength: number; settings: { type: string; properties: object }; tools: unknown[] } }>(
        'GET',
        `/integration-settings/${id(org, provider)}`,
      );

      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(['output']);
      expect(Object.keys(body.output)).toEqual(['rules', 'maxLength', 'settings', 'tools']);
      expect(body.output).toMatchObject({ maxLength, tools: [], settings: { type: 'object' } });
      expect(body.output.rules).toMatch(/images or videos per post/);
      expect(Object.keys(body.output.settings.properties)).toEqual(settings);
    });

    it('should answer the Postiz CLI\'s integrations:settings, and 404 for another organization\'s channel', async () => {
      const home = mkdtempSync(path.join(os.tmpdir(), 'postiz-home-'));
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'node_modules/postiz/dist/index.js'), 'integrations:settings', id(org, 'tiktok')], {
        env: { PATH: process.env.PATH, HOME: home, POSTIZ_API_URL: stack.postizApiUrl, POSTIZ_API_KEY: org.apiKey },
      });
      const foreign = await api.request<View>('GET', `/integration-settings/${id(other, 'facebook')}`);

      expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({ output: { maxLength: 2_200, tools: [] } });
      expect(foreign).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    });
  });

  describe('time slots', () => {
    const chatham = { times: ['09:00', '17:00'], timeZone: 'Pacific/Chatham' };
    const findSlot = async (channelId: string) => api.request<{ date: string | null; dateIso: string | null }>('GET', `/find-slot/${channelId}`);

    it('should answer the next free Pacific/Chatham slot in UTC, and skip it once a post takes it', async () => {
      const channelId = id(org, 'facebook');
      const set = await api.request<View>('PUT', `/integrations/${channelId}/time-slots`, { times: ['17:00', '09:00'], timeZone: 'Pacific/Chatham' });
      const first = await findSlot(channelId);
      const expected = nextFreeSlot(chatham, new Date(), [])!;
      const draft = await api.request('POST', '/posts', {
        type: 'draft',
        date: first.body.dateIso,
        posts: [{ integration: { id: channelId }, value: [{ content: 'In the first slot', image: [] }] }],
      });
      const second = await findSlot(channelId);

      expect(draft.status).toBe(201);
      expect(set).toMatchObject({ status: 200, body: { id: channelId, postingTimes: ['09:00', '17:00'], timeZone: 'Pacific/Chatham' } });
      expect(first).toEqual({ status: 200, body: { date: expected.toISOString().slice(0, 16) + ':00', dateIso: expected.toISOString() } });
      expect(first.body.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/);
      expect(zonedWallClock(expected, 'Pacific/Chatham').time).toMatch(/^(09|17):00$/);
      expect(second.body.dateIso).toBe(nextFreeSlot(chatham, new Date(), [expected])!.toISOString());
      expect(Date.parse(second.body.dateIso!)).toBeGreaterThan(expected.getTime());
    });

    it('should refuse bad slots with a 400 naming the field and keep the old ones; answer nulls without slots', async () => {
      const channelId = id(org, 'tiktok');
      await api.request('PUT', `/integrations/${channelId}/time-slots`, { times: ['08:30'] });

      const badTime = await api.request<View>('PUT', `/integrations/${channelId}/time-slots`, { times: ['08:30', '25:00'] });
      const badZone = await api.request<View>('PUT', `/integrations/${channelId}/time-slots`, { times: ['10:00'], timeZone: 'Mars/Olympus' });
      const kept = await listed(channelId);
      const none = await api.request<View>('PUT', `/integrations/${channelId}/time-slots`, { times: [] });
      const noSlot = await findSlot(channelId);

      expect(badTime).toMatchObject({ status: 400, body: { statusCode: 400, code: 'VALIDATION', field: 'times[1]' } });
      expect(badZone).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'timeZone' } });
      expect(kept).toMatchObject({ postingTimes: ['08:30'], timeZone: 'UTC' });
      expect(none.body).toMatchObject({ postingTimes: [] });
      expect(noSlot).toEqual({ status: 200, body: { date: null, dateIso: null } });
    });

    it('should answer 404 for another organization\'s channel, and leave its slots alone', async () => {
      const channelId = id(other, 'facebook');

      const put = await api.request<View>('PUT', `/integrations/${channelId}/time-slots`, { times: ['03:00'] });
      const find = await findSlot(channelId);

      expect([put.status, find.status]).toEqual([404, 404]);
      expect(await listed(channelId, otherApi)).toMatchObject({ postingTimes: ['09:00', '12:00', '17:00'] });
    });
  });

  describe('deleting a channel', () => {
    it('should delete its posts that have not gone out, never publish them, and let the one being published finish', async () => {
      const owner = await createTestOrganization(db, stack.sandbox, ['facebook']);
      const client = new PublicApiClient(stack.apiUrl, owner.apiKey);
      const channelId = id(owner, 'facebook');
      const pageId = owner.channels.facebook!.account.id;
      const stamp = Date.now();
      await stack.sandbox.addFault({ method: 'POST', path: `^/${pageId}/feed$`, delayMs: 5_000, times: 1 });
      const publishing = await client.schedule(channelId, { content: `Being published ${stamp}` }, { date: new Date(Date.now() + 1_000) });
      await waitUntil('the publish call', async () =>
        (await stack.sandbox.requests({ method: 'POST', pathContains: `${pageId}/feed` })).length > 0 ? true : undefined,
      );
      const scheduledAt = new Date(Date.now() + 3_000);
      const scheduled = await client.schedule(channelId, { content: `Never published ${stamp}` }, { date: scheduledAt });

      const foreign = await api.request<View>('DELETE', `/integrations/${channelId}`);
      const answer = await client.request<View>('DELETE', `/integrations/${channelId}`);
      await sleep(scheduledAt.getTime() + 6_000 - Date.now());
      const published = await stack.sandbox.published({ network: 'facebook', accountId: pageId });
      const finished = await client.waitForOutcome(publishing);

      expect(foreign).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ deleted: true, posts: 1, deletedPostIds: [scheduled], publishing: [publishing] });
      expect(answer.body.warning).toMatch(/being published/);
      expect(published.map((p) => p.text)).toEqual([`Being published ${stamp}`]);
      expect(finished.heraldState).toBe('PUBLISHED');
      expect((await client.request('GET', `/posts/${scheduled}`)).status).toBe(404);
      expect(await list(client)).toEqual([]);
      expect((await client.request('DELETE', `/integrations/${channelId}`)).status).toBe(404);
    });
  });

  describe('uploading from a URL', () => {
    let privateOrigin: Server;
    let privateRequests = 0;
    const uploads = () => stack.env.UPLOAD_DIR!;
    const served = (name: string) => `${stack.apiUrl}/uploads/${name}`;
    const mediaCount = () => db.media.count({ where: { organizationId: org.organizationId } });

    beforeAll(async () => {
      const photo = await readFile(path.join(FIXTURES, 'photo.jpg'));
      privateOrigin = createServer((_req, res) => (privateRequests++, res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo)));
      await new Promise<void>((resolve) => privateOrigin.listen(0, '127.0.0.1', resolve));
      // Files served from the API's own uploads URL (an allowed origin) that the checks must refuse.
      await copyFile(path.join(FIXTURES, 'photo.jpg'), path.join(uploads(), 'over-image-limit.jpg'));
      await writeFile(path.join(uploads(), 'notes.txt'), 'not an image\n'.repeat(100));
      const clip = await readFile(path.join(FIXTURES, 'clip.mp4'));
      await writeFile(path.join(uploads(), 'over-video-limit.mp4'), Buffer.concat([clip, Buffer.alloc(VIDEO_LIMIT)]));
    });
    afterAll(() => new Promise((resolve) => privateOrigin.close(resolve)));

    it('should store a file from the API\'s own uploads URL and answer as POST /upload does', async () => {
      const uploaded = await api.upload(path.join(FIXTURES, 'square.png'));

      const { status, body } = await api.request<View>('POST', '/upload-from-url', { url: uploaded.body.path });
      const bytes = Buffer.from(await (await fetch(String(body.path))).arrayBuffer());

      expect(status).toBe(201);
      expect(Object.keys(body)).toEqual(Object.keys(uploaded.body));
      expect(body).toMatchObject({ mimeType: 'image/png', kind: 'image', fileSize: 9_504, thumbnail: null, alt: null });
      expect(body.id).not.toBe(uploaded.body.id);
      expect(bytes.equals(await readFile(path.join(FIXTURES, 'square.png')))).toBe(true);
    });

    it.each([
      ['a private address', 400, () => `http://127.0.0.1:${(privateOrigin.address() as AddressInfo).port}/photo.jpg`, /loopback/],
      ['a private network literal', 400, () => 'http://192.168.0.10/photo.jpg', /private network/],
      ['a URL that answers 404', 400, () => served('missing.jpg'), /HTTP 404/],
      ['a file that is no image or video', 400, () => served('notes.txt'), /must point to an image/],
      ['an image over the image limit', 413, () => served('over-image-limit.jpg'), new RegExp(`${IMAGE_LIMIT} bytes`)],
      ['a video over the video limit', 413, () => served('over-video-limit.mp4'), new RegExp(`${VIDEO_LIMIT} bytes`)],
      ['no url', 400, () => undefined, /url/],
    ])('should refuse %s (%i naming url) and store nothing', async (_label, status, url, reason) => {
      const before = await mediaCount();

      const answer = await api.request<View>('POST', '/upload-from-url', { url: url() });

      expect(answer).toMatchObject({ status, body: { statusCode: status, field: 'url' } });
      expect(String(answer.body.message)).toMatch(reason);
      expect(await mediaCount()).toBe(before);
      expect(privateRequests).toBe(0);
    });
  });
});
