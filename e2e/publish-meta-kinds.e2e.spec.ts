// Every Facebook Page and Instagram post kind, through the public API to the sandbox's Graph API.
import path from 'node:path';
import { type Db, createPrismaClient } from '@herald/db';
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

describe('every Meta post kind', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram', 'instagram-standalone']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  /** Schedules, waits for the outcome, and returns it with the one sandbox item it published. */
  async function publish(
    provider: 'facebook' | 'instagram' | 'instagram-standalone',
    value: { content: string; files?: string[] },
    settings?: Record<string, unknown>,
  ): Promise<{ post: Record<string, unknown>; item: SandboxPublished }> {
    const channel = org.channels[provider]!;
    const postId = await api.schedule(channel.integration.id, value, { settings });
    const post = await api.waitForOutcome(postId, 90_000);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', error: null });
    const network = provider === 'facebook' ? 'facebook' : 'instagram';
    const items = (await stack.sandbox.published({ network, accountId: channel.account.id })).filter((i) => i.text === value.content);
    expect(items).toHaveLength(1);
    // A Facebook video is known by its video id (what POST /{page}/videos answers), not its feed post.
    expect([items[0]!.id, items[0]!.objectId]).toContain(post.releaseId);
    return { post, item: items[0]! };
  }

  it('Facebook: a link post', async () => {
    const { item } = await publish('facebook', { content: `Read the menu ${Date.now()}` }, { url: 'https://example.com/menu' });
    const page = org.channels.facebook!;
    // Read it back the way Meta serves it.
    const graph = await fetch(`${stack.sandboxUrl}/graph.facebook.com/v21.0/${item.id}?fields=link&access_token=${page.account.accessToken}`);
    expect(item.kind).toBe('feed');
    expect(await graph.json()).toMatchObject({ link: 'https://example.com/menu' });
  });

  it('Facebook: several photos attached to one feed post', async () => {
    const { item } = await publish('facebook', { content: `Two photos ${Date.now()}`, files: [PHOTO, PHOTO] });
    expect(item.kind).toBe('feed');
    expect(item.media).toHaveLength(2);
  });

  it('Facebook: one MP4 video', async () => {
    const { item, post } = await publish('facebook', { content: `A video ${Date.now()}`, files: [CLIP] });
    expect(item.kind).toBe('video');
    expect(post.releaseId).toBe(item.objectId);
    expect(item.media[0]?.contentType).toBe('video/mp4');
    expect(String(post.releaseURL)).toMatch(/^https:\/\/www\.facebook\.com\//);
  });

  it('Instagram: a reel from an MP4', async () => {
    const { item, post } = await publish('instagram', { content: `A reel ${Date.now()}`, files: [CLIP] });
    expect(item.kind).toBe('reel');
    expect(String(post.releaseURL)).toMatch(/^https:\/\/www\.instagram\.com\/reel\//);
  });

  it('Instagram: a carousel of two images and a video', async () => {
    const { item } = await publish('instagram', { content: `A carousel ${Date.now()}`, files: [PHOTO, PHOTO, CLIP] });
    expect(item.kind).toBe('carousel');
    expect(item.media).toHaveLength(3);
  });

  it('Instagram: a story', async () => {
    const channel = org.channels.instagram!;
    const before = await stack.sandbox.published({ network: 'instagram', accountId: channel.account.id });
    const postId = await api.schedule(channel.integration.id, { content: `Story ${Date.now()}`, files: [PHOTO] }, { settings: { post_type: 'story' } });
    const post = await api.waitForOutcome(postId, 90_000);
    const after = await stack.sandbox.published({ network: 'instagram', accountId: channel.account.id });
    const stories = after.filter((i) => !before.some((b) => b.id === i.id));
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({ kind: 'story', id: post.releaseId });
  });

  it('Instagram through Instagram login (graph.instagram.com): an image', async () => {
    const { item } = await publish('instagram-standalone', { content: `Via Instagram login ${Date.now()}`, files: [PHOTO] });
    expect(item.kind).toBe('image');
    const requests = await stack.sandbox.requests({ method: 'POST', pathContains: 'media_publish' });
    expect(requests.some((r) => r.host === 'graph.instagram.com')).toBe(true);
  });
});
