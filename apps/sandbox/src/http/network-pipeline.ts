import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FaultRegistry } from '../faults/fault.registry';
import type { SandboxClock } from '../state/sandbox.clock';
import { redactParams, redactSecret, type RequestLog } from '../state/request-log';
import { collectParams, headerToken, paramString } from './request-params.util';
import { sendJson } from './respond.util';
import { sandboxLocals } from './sandbox-locals';

export interface NetworkPipelineDeps {
  requestLog: RequestLog;
  faults: FaultRegistry;
  clock: SandboxClock;
  latencyMs: number;
}

export interface NetworkPipelineOptions {
  host: string;
  /** The answer to an injected fault that gives a status but no body (or a body but no status). */
  faultAnswer: (status: number | undefined, body: unknown) => { status: number; body: unknown };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What every emulated network shares, mounted before its routes: parse bodies, log the call,
 * add the configured latency, and apply an armed fault. Paths are matched after the network
 * has stripped its own prefixes (Meta's /vNN.N).
 */
export function createNetworkPipeline(deps: NetworkPipelineDeps, options: NetworkPipelineOptions): Router {
  const router = express.Router();
  router.use((req, res, next) => logCall(deps, options.host, req, res, next));
  router.use(express.json({ limit: '5mb' }), express.urlencoded({ extended: false, limit: '5mb' }));
  router.use(async (req, res, next) => {
    const locals = sandboxLocals(res);
    if (locals.logEntry) {
      locals.logEntry.body = redactParams(req.body ?? null);
      const token = paramString(collectParams(req), 'access_token') ?? headerToken(req);
      if (token) locals.logEntry.token = redactSecret(token);
    }
    if (deps.latencyMs > 0) await sleep(deps.latencyMs);
    await applyFault(deps, options, req, res, next);
  });
  return router;
}

function logCall(deps: NetworkPipelineDeps, host: string, req: Request, res: Response, next: NextFunction): void {
  const started = performance.now();
  const locals = sandboxLocals(res);
  locals.host = host;
  const entry = deps.requestLog.add({
    at: deps.clock.nowIso(),
    method: req.method,
    host,
    path: req.path,
    version: locals.version,
    query: redactParams({ ...(req.query as Record<string, unknown>) }) as Record<string, unknown>,
    body: null,
  });
  locals.logEntry = entry;
  res.on('close', () => {
    entry.durationMs = Math.round(performance.now() - started);
    if (!entry.dropped) entry.status = res.headersSent ? res.statusCode : undefined;
  });
  next();
}

async function applyFault(
  deps: NetworkPipelineDeps,
  options: NetworkPipelineOptions,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> {
  const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const fault = deps.faults.take({ method: req.method, host: options.host, path: req.path, query: rawQuery });
  if (!fault) return next();
  const locals = sandboxLocals(res);
  locals.faultId = fault.id;
  if (locals.logEntry) locals.logEntry.faultId = fault.id;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.status !== undefined || fault.body !== undefined) {
    // The call is not applied: the answer (or a lost connection) stands in for the provider.
    if (fault.dropResponse) {
      if (locals.logEntry) locals.logEntry.dropped = true;
      res.socket?.destroy();
      return;
    }
    const answer = options.faultAnswer(fault.status, fault.body);
    sendJson(res, answer.status, answer.body, fault.headers);
    return;
  }
  if (fault.dropResponse) locals.dropResponse = true;
  next();
}
