import { HeraldApiClient } from './api-client';
import { ApiError } from './api-error';

function respond(status: number, body: unknown): jest.Mock {
  return jest.fn().mockResolvedValue(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
}

describe(HeraldApiClient.name, () => {
  it('should send the raw key, as the public API expects, to /api/public/v1', async () => {
    const fetchFn = respond(200, []);
    await new HeraldApiClient('hk_123', fetchFn).listChannels();
    expect(fetchFn).toHaveBeenCalledWith('/api/public/v1/integrations', expect.objectContaining({ method: 'GET', headers: expect.objectContaining({ Authorization: 'hk_123' }) }));
  });

  it('should ask for a period with both dates in the query', async () => {
    const fetchFn = respond(200, { posts: [], nextCursor: null });
    await new HeraldApiClient('k', fetchFn).listPosts('2026-03-23T00:00:00.000Z', '2026-03-29T22:59:59.999Z');
    expect(fetchFn.mock.calls[0][0]).toBe('/api/public/v1/posts?startDate=2026-03-23T00%3A00%3A00.000Z&endDate=2026-03-29T22%3A59%3A59.999Z');
  });

  it('should move a post with its new date and zone as JSON', async () => {
    const fetchFn = respond(200, { postId: 'p1' });
    await new HeraldApiClient('k', fetchFn).movePost('p1', '2026-03-29T09:00:00+01:00', 'Europe/London');
    const init = fetchFn.mock.calls[0][1] as RequestInit;
    expect([fetchFn.mock.calls[0][0], init.method, init.body]).toEqual([
      '/api/public/v1/posts/p1',
      'PUT',
      JSON.stringify({ date: '2026-03-29T09:00:00+01:00', timeZone: 'Europe/London' }),
    ]);
  });

  it('should turn an error answer into the API’s message and field', async () => {
    const fetchFn = respond(400, { statusCode: 400, code: 'VALIDATION', field: 'date', message: 'date is in the past' });
    const error = await new HeraldApiClient('k', fetchFn).createPosts({ type: 'schedule', timeZone: 'UTC', posts: [] }).catch((e: unknown) => e);
    expect(error).toEqual(new ApiError(400, 'VALIDATION', 'date is in the past', 'date'));
    expect((error as ApiError).field).toBe('date');
  });

  it('should say what the server answered when the body is not the API’s', async () => {
    const error = await new HeraldApiClient('k', respond(502, '<html>Bad gateway</html>')).getPost('p').catch((e: unknown) => e);
    expect((error as ApiError).message).toBe('The server answered 502.');
  });
});
