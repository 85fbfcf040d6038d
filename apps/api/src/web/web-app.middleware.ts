import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Paths the web UI must never answer: the API, Prometheus and uploaded media. */
const RESERVED_PREFIXES = ['/api', '/metrics', '/uploads'] as const;

export function isReservedPath(urlPath: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

/** Where the web UI's build is: WEB_DIR, or apps/web/dist beside this app's own build. */
export function resolveWebDir(configured: string | undefined): string {
  // apps/api/dist/web/ → apps/web/dist: the same relative place in a checkout and in the image,
  // whatever the working directory is.
  return path.resolve(configured ?? path.join(__dirname, '..', '..', '..', 'web', 'dist'));
}

/** Whether `dir` holds a built web UI. */
export function hasWebBuild(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

/**
 * Answers client routes (/calendar, /posts/:id) with index.html so that a reload or a shared link
 * opens the SPA there. A path with a file extension is a missing asset, not a route: it falls
 * through to a 404 rather than getting HTML where a script was expected.
 */
export function webAppFallback(dir: string) {
  const index = path.join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isReservedPath(req.path) || path.posix.extname(req.path) !== '') {
      next();
      return;
    }
    // index.html names the hashed assets of the current build: never cache it.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}

/** Static files of the build, except under the reserved paths. Hashed assets are cached for good. */
export function cacheHeaders(res: Response, filePath: string): void {
  const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}
