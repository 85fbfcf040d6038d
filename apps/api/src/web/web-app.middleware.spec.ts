import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { isReservedPath, resolveWebDir, webAppFallback } from './web-app.middleware';

describe('the web UI fallback', () => {
  const dir = '/srv/web';

  function call(method: string, urlPath: string) {
    const res = { setHeader: jest.fn(), sendFile: jest.fn() };
    const next = jest.fn();
    webAppFallback(dir)({ method, path: urlPath } as Request, res as unknown as Response, next as NextFunction);
    return { sent: res.sendFile.mock.calls[0]?.[0] as string | undefined, passed: next.mock.calls.length === 1 };
  }

  it('should answer client routes with index.html', () => {
    expect(call('GET', '/posts/abc')).toEqual({ sent: path.join(dir, 'index.html'), passed: false });
    expect(call('HEAD', '/channels')).toEqual({ sent: path.join(dir, 'index.html'), passed: false });
  });

  it('should leave the API, metrics and uploads to Nest', () => {
    for (const p of ['/api', '/api/public/v1/posts', '/api/nothing-here', '/metrics', '/uploads/a.jpg']) {
      expect({ p, ...call('GET', p) }).toEqual({ p, sent: undefined, passed: true });
    }
  });

  it('should not answer a missing asset or a write with HTML', () => {
    expect(call('GET', '/assets/index-old.js')).toEqual({ sent: undefined, passed: true });
    expect(call('POST', '/posts/abc')).toEqual({ sent: undefined, passed: true });
  });

  it('should reserve whole path segments only', () => {
    expect([isReservedPath('/apiary'), isReservedPath('/metrics-board'), isReservedPath('/uploads')]).toEqual([false, false, true]);
  });

  it('should find the build beside the API’s, or where WEB_DIR says', () => {
    expect(resolveWebDir(undefined)).toBe(path.resolve(__dirname, '../../../web/dist'));
    expect(resolveWebDir('/opt/herald-web')).toBe('/opt/herald-web');
  });
});
