import { RequestLog } from './request-log';

const call = (at: number, host: string, path: string) => ({ at: new Date(at).toISOString(), method: 'POST', host, path, query: {}, body: {} });

describe(RequestLog.name, () => {
  it("should count a host's calls, and those under a path, since an instant", () => {
    const log = new RequestLog();
    const t0 = Date.parse('2026-12-04T10:00:00Z');
    log.add(call(t0, 'graph.facebook.com', '/100/feed'));
    log.add(call(t0 + 1_000, 'graph.facebook.com', '/100/feed'));
    log.add(call(t0 + 2_000, 'graph.instagram.com', '/100/media'));
    log.add(call(t0 + 3_000, 'graph.facebook.com', '/200/feed'));

    expect(log.countSince('graph.facebook.com', t0 + 500)).toBe(2);
    expect(log.countSince('graph.facebook.com', t0, '/100')).toBe(2);
    expect(log.countSince('graph.instagram.com', t0)).toBe(1);
    expect(log.countSince('graph.facebook.com', t0 + 4_000)).toBe(0);
  });

  it('should keep the last 10,000 calls, and count within them', () => {
    const log = new RequestLog();
    const t0 = Date.parse('2026-12-04T10:00:00Z');
    for (let i = 0; i < 10_500; i++) log.add(call(t0 + i, 'graph.facebook.com', '/100/feed'));

    expect(log.list()).toHaveLength(10_000);
    expect(log.list()[0]!.id).toBe(501);
    expect(log.countSince('graph.facebook.com', t0)).toBe(10_000);
    expect(log.countSince('graph.facebook.com', t0 + 10_499)).toBe(1);
  });
});
