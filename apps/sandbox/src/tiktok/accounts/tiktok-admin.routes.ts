import express, { type Router } from 'express';
import { adminBody } from '../../admin/admin-input.util';
import { AdminInputError } from '../../network/sandbox-network.types';
import { normalizePrefix } from '../publish/tiktok-url-ownership.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';

/** /__sandbox/tiktok: the app settings TikTok keeps in its developer portal. */
export function createTikTokAdminRoutes(deps: TikTokDeps): Router {
  const router = express.Router();
  router.get('/verified-url-prefixes', (_req, res) => {
    res.json({ prefixes: tiktokState(deps).verifiedUrlPrefixes });
  });

  router.put('/verified-url-prefixes', (req, res) => {
    const prefixes = adminBody(req).prefixes;
    if (!Array.isArray(prefixes)) throw new AdminInputError('prefixes must be an array of URL prefixes');
    const normalized = prefixes.map((p) => (typeof p === 'string' ? normalizePrefix(p) : undefined));
    const bad = prefixes.filter((_p, i) => normalized[i] === undefined);
    if (bad.length > 0) throw new AdminInputError(`not absolute http(s) URLs: ${bad.map((p) => JSON.stringify(p)).join(', ')}`);
    tiktokState(deps).verifiedUrlPrefixes = [...new Set(normalized as string[])];
    deps.store.changed();
    res.json({ prefixes: tiktokState(deps).verifiedUrlPrefixes });
  });
  return router;
}
