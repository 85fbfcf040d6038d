import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '@herald/config';
import { FaultInputError, type FaultRegistry } from '../faults/fault.registry';
import { AdminInputError, type SandboxNetwork } from '../network/sandbox-network.types';
import type { RequestLog } from '../state/request-log';
import type { SandboxClock } from '../state/sandbox.clock';
import type { SandboxStore } from '../state/sandbox.store';
import { createAccountsRoutes } from './accounts.routes';
import { adminBody, adminQuery } from './admin-input.util';
import { createFaultsRoutes } from './faults.routes';

export interface AdminDeps {
  store: SandboxStore;
  clock: SandboxClock;
  requestLog: RequestLog;
  faults: FaultRegistry;
  networks: readonly SandboxNetwork[];
  /** Clears all state and seeds the default accounts again. */
  reset: () => void;
  logger: Logger;
}

/** The sandbox's own API under /__sandbox: accounts, what was published and commented, requests, faults, clock. */
export function createAdminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ ok: true });
  });

  router.use('/accounts', createAccountsRoutes(deps.networks));

  router.get('/published', (req, res) => {
    const network = adminQuery(req, 'network');
    const accountId = adminQuery(req, 'accountId');
    const items = deps.store.data.published.filter(
      (item) => (network === undefined || item.network === network) && (accountId === undefined || item.accountId === accountId),
    );
    res.json({ items });
  });

  router.get('/comments', (req, res) => {
    const filters = (['network', 'accountId', 'parentId'] as const).map((key) => [key, adminQuery(req, key)] as const);
    // Each network lists its comments in the order they were made.
    const items = deps.networks
      .flatMap((network) => network.listComments?.() ?? [])
      .filter((item) => filters.every(([key, wanted]) => wanted === undefined || item[key] === wanted));
    res.json({ items });
  });

  router.get('/requests', (req, res) => {
    res.json({
      requests: deps.requestLog.list({
        since: adminQuery(req, 'since'),
        method: adminQuery(req, 'method'),
        pathContains: adminQuery(req, 'pathContains'),
        query: adminQuery(req, 'query'),
        host: adminQuery(req, 'host'),
      }),
    });
  });

  router.delete('/requests', (_req, res) => {
    deps.requestLog.clear();
    res.json({ ok: true });
  });

  router.use('/faults', createFaultsRoutes(deps.faults, deps.clock));

  router.get('/clock', (_req, res) => {
    res.json({ now: deps.clock.nowIso(), offsetMs: deps.clock.offsetMs });
  });

  router.post('/clock', (req, res) => {
    const offsetMs = adminBody(req).offsetMs;
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) throw new AdminInputError('offsetMs must be a number of milliseconds');
    deps.clock.advance(offsetMs);
    res.json({ now: deps.clock.nowIso(), offsetMs: deps.clock.offsetMs });
  });

  router.post('/reset', (_req, res) => {
    deps.reset();
    res.json({ ok: true });
  });

  for (const network of deps.networks) network.mountAdmin?.(router);

  router.use((req: Request, _res: Response, next: NextFunction) => next(new AdminInputError(`no admin route ${req.method} ${req.path}`, 404)));
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AdminInputError || err instanceof FaultInputError) {
      res.status(err instanceof AdminInputError ? err.status : 400).json({ error: { message: err.message } });
      return;
    }
    if (typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.parse.failed') {
      res.status(400).json({ error: { message: 'the body is not valid JSON' } });
      return;
    }
    deps.logger.error({ err: err instanceof Error ? err.stack : String(err) }, 'admin API error');
    res.status(500).json({ error: { message: 'internal error' } });
  });
  return router;
}
