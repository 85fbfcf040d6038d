import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../__fixtures__/sandbox.harness';
import type { MetaAccountView } from '../meta/accounts/meta-account.view';

describe('State file persistence', () => {
  let dir: string;
  let stateFile: string;
  const open: Harness[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sandbox-state-'));
    stateFile = path.join(dir, 'nested', 'sandbox.json');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const h = await startHarness({ stateFile });
    open.push(h);
    return h;
  };
  const accounts = async (h: Harness) => (await h.admin<{ accounts: MetaAccountView[] }>('GET', '/accounts')).body.accounts;

  it('should keep accounts, published posts and the clock across two app instances sharing a state file', async () => {
    const first = await start();
    const seeded = await accounts(first);
    expect(seeded.map((a) => [a.network, a.name, a.username])).toEqual([
      ['facebook', 'Herald Demo Page', 'heralddemo'],
      ['instagram', 'Herald Demo', 'herald.demo'],
      ['tiktok', 'Herald Demo', 'herald.demo'],
    ]);
    const page = await first.account('facebook', { name: 'Persisted Page' });
    const post = await first.graph<{ id: string }>('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'survives restarts' } });
    await first.admin('POST', '/clock', { offsetMs: 5000 });
    await first.close();
    open.splice(open.indexOf(first), 1);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1, clockOffsetMs: 5000 });

    const second = await start();
    expect((await accounts(second)).map((a) => a.id)).toEqual([...seeded.map((a) => a.id), page.id]);
    const feed = await second.graph<{ data: Array<{ id: string; message: string }> }>('GET', `/${page.id}/feed`, { token: page.accessToken });
    expect(feed.body.data).toEqual([expect.objectContaining({ id: post.body.id, message: 'survives restarts' })]);
    expect((await second.admin<{ items: Array<{ id: string }> }>('GET', '/published')).body.items.map((i) => i.id)).toEqual([post.body.id]);
    expect((await second.admin<{ offsetMs: number }>('GET', '/clock')).body.offsetMs).toBe(5000);
  });

  it('should keep comments across restarts, and load a state file from before comments existed', async () => {
    const first = await start();
    const page = await first.account('facebook');
    const post = await first.graph<{ id: string }>('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'with comments' } });
    const made = await first.graph<{ id: string }>('POST', `/${post.body.id}/comments`, { token: page.accessToken, json: { message: 'kept' } });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await start();
    const listed = await second.graph<{ data: Array<{ id: string; message: string }> }>('GET', `/${post.body.id}/comments`, { token: page.accessToken });
    expect(listed.body.data).toEqual([expect.objectContaining({ id: made.body.id, message: 'kept' })]);
    expect((await second.admin<{ items: Array<{ id: string }> }>('GET', '/comments')).body.items.map((c) => c.id)).toEqual([made.body.id]);
    await second.close();
    open.splice(open.indexOf(second), 1);

    // A file written before comments were emulated has no meta.comments.
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { meta: Record<string, unknown> };
    delete saved.meta.comments;
    writeFileSync(stateFile, JSON.stringify(saved));
    const third = await start();
    expect((await third.admin<{ items: unknown[] }>('GET', '/comments')).body.items).toEqual([]);
    const again = await third.graph<{ id: string }>('POST', `/${post.body.id}/comments`, { token: page.accessToken, json: { message: 'new' } });
    expect(again.status).toBe(200);
  });

  it('should write shortly after a change, through a temporary file that does not linger', async () => {
    const h = await start();
    await h.account('instagram', { username: 'written.soon' });
    let written = '';
    for (let i = 0; i < 40 && !written.includes('written.soon'); i++) {
      await new Promise((r) => setTimeout(r, 10));
      written = existsSync(stateFile) ? readFileSync(stateFile, 'utf8') : '';
    }
    expect(written).toContain('written.soon');
    expect(readdirSync(path.dirname(stateFile))).toEqual(['sandbox.json']);
  });

  it('should derive the same default accounts and tokens from the seed on a fresh state', async () => {
    const a = await startHarness();
    const b = await startHarness();
    try {
      const strip = (list: MetaAccountView[]) => list.map(({ createdAt: _createdAt, ...rest }) => rest);
      expect(strip(await accounts(a))).toEqual(strip(await accounts(b)));
      const [page] = await accounts(a);
      expect(page!.accessToken).toMatch(/^EAA/);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('should set an unreadable state file aside and start from the defaults', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{not json');
    stateFile = path.join(dir, 'broken.json');
    const h = await start();
    expect((await accounts(h)).map((a) => a.username)).toEqual(['heralddemo', 'herald.demo', 'herald.demo']);
    expect(readdirSync(dir).filter((f) => f.startsWith('broken.json.unreadable-'))).toHaveLength(1);
  });
});
