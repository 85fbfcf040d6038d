// The published Postiz CLI (npm package `postiz`), unchanged, pointed at Herald.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  REPO_ROOT,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

const run = promisify(execFile);
const CLI = path.join(REPO_ROOT, 'node_modules/postiz/dist/index.js');

describe('the Postiz CLI against Herald', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let postiz: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    // The CLI reads ~/.postiz/credentials.json before POSTIZ_API_KEY: give it an empty home.
    const home = mkdtempSync(path.join(os.tmpdir(), 'postiz-home-'));
    postiz = async (...args) => {
      const { stdout } = await run(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH, HOME: home, POSTIZ_API_URL: stack.postizApiUrl, POSTIZ_API_KEY: org.apiKey },
      });
      return stdout;
    };
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  /** The CLI prints a line of text, then JSON. */
  const json = <T>(stdout: string): T => JSON.parse(stdout.slice(stdout.search(/[[{]/))) as T;

  it('should list the integrations, upload an image, schedule an Instagram post, list it and see it published', async () => {
    const integrations = json<Array<{ id: string; identifier: string }>>(await postiz('integrations:list'));
    const instagram = integrations.find((i) => i.identifier === 'instagram');
    expect(integrations.map((i) => i.identifier).sort()).toEqual(['facebook', 'instagram']);
    expect(instagram?.id).toBe(org.channels.instagram!.integration.id);

    const upload = json<{ id: string; path: string }>(await postiz('upload', path.join(__dirname, 'fixtures/photo.jpg')));
    expect(upload.path).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/.+\.jpg$/);

    const caption = `Posted with the Postiz CLI ${Date.now()}`;
    const date = new Date(Date.now() + 15_000).toISOString();
    const created = json<Array<{ postId: string }>>(
      await postiz('posts:create', '-i', instagram!.id, '-c', caption, '-m', upload.path, '-s', date),
    );
    expect(created).toHaveLength(1);

    const listed = json<{ posts: Array<{ id: string; state: string; content: string }> }>(await postiz('posts:list'));
    expect(listed.posts.find((p) => p.id === created[0]!.postId)).toMatchObject({ state: 'QUEUE', content: caption });

    const published = await waitUntil(
      'the CLI post to be published in the sandbox',
      async () => {
        const items = await stack.sandbox.published({ network: 'instagram', accountId: org.channels.instagram!.account.id });
        return items.length > 0 ? items : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ text: caption, media: [expect.objectContaining({ url: upload.path })] });

    const after = await waitUntil('the CLI to list the post as PUBLISHED', async () => {
      const { posts } = json<{ posts: Array<{ id: string; state: string; releaseURL: string }> }>(await postiz('posts:list'));
      const post = posts.find((p) => p.id === created[0]!.postId);
      return post?.state === 'PUBLISHED' ? post : undefined;
    });
    expect(after.releaseURL).toBe(published[0]!.permalink);
  });

  it('should delete a post with the CLI, which expects a JSON answer', async () => {
    const caption = `To be deleted ${Date.now()}`;
    const date = new Date(Date.now() + 3_600_000).toISOString();
    const created = json<Array<{ postId: string }>>(
      await postiz('posts:create', '-i', org.channels.facebook!.integration.id, '-c', caption, '-s', date),
    );

    const output = await postiz('posts:delete', created[0]!.postId);

    expect(output).toContain(`Post ${created[0]!.postId} deleted successfully`);
    const { posts } = json<{ posts: Array<{ id: string }> }>(await postiz('posts:list'));
    expect(posts.map((p) => p.id)).not.toContain(created[0]!.postId);
  });
});
