import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { createNetworkPipeline, type NetworkPipelineDeps } from '../../http/network-pipeline';
import { collectParams, headerToken, paramString } from '../../http/request-params.util';
import { sendJson } from '../../http/respond.util';
import { sandboxLocals } from '../../http/sandbox-locals';
import { exchangeFacebookToken } from '../oauth/facebook-oauth.handlers';
import { exchangeInstagramToken, refreshInstagramToken } from '../oauth/instagram-oauth.handlers';
import type { MetaDeps, MetaHost } from '../meta-deps.types';
import type { GraphError } from './graph-error';
import { graphErrorHandler } from './graph-error.handler';
import { serviceUnavailable, unknownError, unknownPathComponents } from './graph.errors';
import { createGraphDispatcher } from './graph-dispatch';
import { GRAPH_ROUTES } from './graph-routes';
import { graphUsageHeaders } from './graph-usage.middleware';

/** Clients put any /vNN.N/ before the path, or none; it is remembered for the request log and dropped. */
function stripGraphVersion(req: Request, res: Response, next: NextFunction): void {
  const match = /^\/(v\d+(?:\.\d+)?)(?=[/?]|$)/.exec(req.url);
  if (match) {
    sandboxLocals(res).version = match[1];
    const rest = req.url.slice(match[0].length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
  }
  next();
}

/** An injected fault's answer when the admin gave only a status or only a body. */
export function graphFaultAnswer(status: number | undefined, body: unknown): { status: number; body: unknown } {
  if (body !== undefined) return { status: status ?? 400, body };
  const error: GraphError = status !== undefined && status >= 500 ? serviceUnavailable() : unknownError();
  return { status: status ?? error.status, body: error.envelope() };
}

/** One Graph host (graph.facebook.com or graph.instagram.com), mounted at /<host>. */
export function createGraphHostRouter(deps: MetaDeps, pipeline: NetworkPipelineDeps, host: MetaHost): Router {
  const router = express.Router();
  router.use(stripGraphVersion);
  router.use(graphUsageHeaders(deps, host));
  router.use(createNetworkPipeline(pipeline, { host, faultAnswer: graphFaultAnswer }));
  const tokenRoute = (handle: (req: Request) => unknown) => (req: Request, res: Response) => {
    const body = handle(req);
    sendJson(res, 200, body);
  };
  if (host === 'graph.facebook.com') {
    router.get('/oauth/access_token', tokenRoute((req) => exchangeFacebookToken(deps, collectParams(req))));
  } else {
    const token = (req: Request) => paramString(collectParams(req), 'access_token') ?? headerToken(req);
    router.get('/access_token', tokenRoute((req) => exchangeInstagramToken(deps, collectParams(req), token(req))));
    router.get('/refresh_access_token', tokenRoute((req) => refreshInstagramToken(deps, collectParams(req), token(req))));
  }
  const dispatch = createGraphDispatcher(deps, host, GRAPH_ROUTES);
  router.all('/:id', dispatch);
  router.all('/:id/:edge', dispatch);
  router.use((req: Request, _res: Response, next: NextFunction) => next(unknownPathComponents(req.path.replace(/^\//, ''))));
  router.use(graphErrorHandler(deps.logger));
  return router;
}
