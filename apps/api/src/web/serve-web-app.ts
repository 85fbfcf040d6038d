import type { NestExpressApplication } from '@nestjs/platform-express';
import { cacheHeaders, hasWebBuild, resolveWebDir, webAppFallback } from './web-app.middleware';

/**
 * Serves the web UI (apps/web's build) at `/`. Registered before Nest's routes, so both
 * handlers here let /api, /metrics and /uploads through untouched. Without a build (a checkout
 * built without the web app), the API runs as before and says so once.
 */
export function serveWebApp(app: NestExpressApplication, configuredDir: string | undefined, warn: (message: string) => void): string | undefined {
  const dir = resolveWebDir(configuredDir);
  if (!hasWebBuild(dir)) {
    warn(`no web UI build at ${dir} (node scripts/build.mjs builds it); / answers 404`);
    return undefined;
  }
  // Static files only answer paths that exist in the build (index.html, assets/): never /api,
  // /metrics or /uploads, which the fallback also lets through to Nest.
  app.useStaticAssets(dir, { index: 'index.html', dotfiles: 'deny', setHeaders: cacheHeaders });
  app.use(webAppFallback(dir));
  return dir;
}
