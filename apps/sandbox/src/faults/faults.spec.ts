import { graphInit, graphUrl, startHarness, type GraphErrorShape, type Harness } from '../__fixtures__/sandbox.harness';
import type { MetaAccountView } from '../meta/accounts/meta-account.view';

describe('Fault injection', () => {
  let h: Harness;
  let page: MetaAccountView;
  let ig: MetaAccountView;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.admin('DELETE', '/faults');
    page = await h.account('facebook');
    ig = await h.account('instagram');
  });

  const published = async (accountId: string) => (await h.admin<{ items: Array<{ id: string }> }>('GET', `/published?accountId=${accountId}`)).body.items;

  it('should match a fault on the query string too, and filter the request log by it', async () => {
    const answer = await h.graph<{ id: string }>('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'read me' } });
    await h.admin('POST', '/faults', { method: 'GET', path: '^/\\d+_\\d+$', query: 'fields=permalink', times: 5, status: 500, body: { error: { code: 1, message: 'x' } } });

    const permalink = await h.graph('GET', `/${answer.body.id}`, { token: page.accessToken, query: { fields: 'permalink_url' } });
    const message = await h.graph('GET', `/${answer.body.id}`, { token: page.accessToken, query: { fields: 'message' } });

    expect(permalink.status).toBe(500);
    expect(message.status).toBe(200);
    const logged = await h.admin<{ requests: Array<{ status: number }> }>('GET', `/requests?method=GET&query=permalink`);
    expect(logged.body.requests.map((r) => r.status)).toEqual([500]);
  });

  it('should answer an injected status and body without applying the call, for the given number of times', async () => {
    const fault = await h.admin<{ id: string }>('POST', '/faults', {
      method: 'POST',
      host: 'graph.facebook.com',
      path: `^/${page.id}/feed$`,
      times: 2,
      status: 500,
      body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, is_transient: true, fbtrace_id: 'Ainjected' } },
    });
    expect(fault.status).toBe(201);
    const post = () => h.graph<GraphErrorShape & { id?: string }>('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'faulted' } });

    for (let i = 0; i < 2; i++) {
      const answer = await post();
      expect(answer.status).toBe(500);
      expect(answer.body.error).toMatchObject({ code: 1, fbtrace_id: 'Ainjected' });
    }
    expect(await published(page.id)).toEqual([]);
    const third = await post();
    expect(third.status).toBe(200);
    expect((await published(page.id)).map((item) => item.id)).toEqual([third.body.id]);

    const requests = await h.admin<{ requests: Array<{ status: number; faultId?: string }> }>('GET', `/requests?pathContains=/${page.id}/feed&method=POST`);
    expect(requests.body.requests.map((r) => [r.status, r.faultId])).toEqual([
      [500, fault.body.id],
      [500, fault.body.id],
      [200, undefined],
    ]);
    const faults = await h.admin<{ faults: Array<{ id: string; remaining: number }> }>('GET', '/faults');
    expect(faults.body.faults).toEqual([expect.objectContaining({ id: fault.body.id, remaining: 0, times: 2 })]);
  });

  it('should give a Graph envelope when only a status is injected', async () => {
    await h.admin('POST', '/faults', { path: '/media$', status: 503 });
    const answer = await h.graph<GraphErrorShape>('POST', `/${ig.id}/media`, { token: ig.accessToken, query: { image_url: `${h.media.url}/square.jpg` } });
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({ code: 2, is_transient: true });
  });

  it('should apply a publish and then drop the connection, leaving the post made and the client with a socket error', async () => {
    const container = await h.graph<{ id: string }>('POST', `/${ig.id}/media`, { token: ig.accessToken, query: { image_url: `${h.media.url}/square.jpg`, caption: 'dropped' } });
    await h.admin('POST', '/faults', { method: 'POST', path: '^/\\d+/media_publish$', dropResponse: true });

    const request = { token: ig.accessToken, query: { creation_id: container.body.id } };
    const outcome = await fetch(graphUrl(h.sandbox.url, `/${ig.id}/media_publish`, request), graphInit('POST', request)).then(
      () => 'answered',
      (error: { message: string; cause?: { code?: string } }) => `${error.message}: ${error.cause?.code}`,
    );
    // undici's name for a connection closed before any response.
    expect(outcome).toBe('fetch failed: UND_ERR_SOCKET');

    const items = await published(ig.id);
    expect(items).toHaveLength(1);
    const status = await h.graph<{ status_code: string }>('GET', `/${container.body.id}`, { token: ig.accessToken, query: { fields: 'status_code' } });
    expect(status.body.status_code).toBe('PUBLISHED');
    const media = await h.graph<{ data: Array<{ id: string; caption: string }> }>('GET', `/${ig.id}/media`, { token: ig.accessToken, query: { fields: 'id,caption' } });
    expect(media.body.data).toEqual([{ id: items[0]!.id, caption: 'dropped' }]);
    const logged = await h.admin<{ requests: Array<{ status: number; dropped?: boolean }> }>('GET', '/requests?pathContains=media_publish');
    expect(logged.body.requests).toEqual([expect.objectContaining({ status: 200, dropped: true })]);
  });

  it('should delay a normal answer by delayMs', async () => {
    await h.admin('POST', '/faults', { method: 'GET', path: `^/${page.id}$`, delayMs: 300 });
    const started = Date.now();
    const answer = await h.graph('GET', `/${page.id}`, { token: page.accessToken });
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('should refuse a fault with an invalid path and clear all faults on DELETE', async () => {
    const bad = await h.admin<{ error: { message: string } }>('POST', '/faults', { path: '([' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/regular expression/);
    await h.admin('POST', '/faults', { path: 'feed', status: 500 });
    await h.admin('DELETE', '/faults');
    expect((await h.admin<{ faults: unknown[] }>('GET', '/faults')).body.faults).toEqual([]);
    expect((await h.graph('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'ok' } })).status).toBe(200);
  });
});
