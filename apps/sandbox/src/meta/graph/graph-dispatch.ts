import type { Request, Response } from 'express';
import { collectParams, headerToken, paramString } from '../../http/request-params.util';
import { sendJson } from '../../http/respond.util';
import { pageAccessDenied, pagePublishPermissionMissing } from '../facebook/facebook.errors';
import { instagramPermissionDenied } from '../instagram/instagram.errors';
import { metaState, type MetaDeps, type MetaHost } from '../meta-deps.types';
import type { MetaState } from '../meta-state.types';
import { authenticate, canAccess, selfId, targetExpiry, type Principal } from './graph-auth';
import type { GraphError } from './graph-error';
import { unknownPathComponents, unsupportedRequest } from './graph.errors';
import { parseFields } from './graph-fields.util';
import { KIND_HOSTS, ownerOf, resolveObject, type GraphObject, type Owner } from './graph-objects';
import type { AnyGraphRoute, GraphCall, GraphMethod } from './graph-route.types';

const METHODS = new Set<string>(['GET', 'POST', 'DELETE']);

function findRoute(routes: readonly AnyGraphRoute[], method: string, object: GraphObject, edge: string | undefined, rawId: string): AnyGraphRoute {
  const sameNode = routes.filter((r) => r.kind === object.kind && r.edge === edge);
  const route = sameNode.find((r) => r.method === method);
  if (route) return route;
  if (edge !== undefined && sameNode.length === 0) throw unknownPathComponents(edge);
  throw unsupportedRequest(method, rawId);
}

function accessDenied(owner: Owner, method: string, id: string): GraphError {
  switch (owner.network) {
    case 'facebook':
      return pageAccessDenied();
    case 'instagram':
      return instagramPermissionDenied();
    case 'user':
      return unsupportedRequest(method, id);
  }
}

/** Publishing permission: the account flag, and (as Graph requires) a Page token for writing as a Page. */
function assertPublishPermission(state: MetaState, principal: Principal, owner: Owner): void {
  if (owner.network === 'facebook' && (state.pages[owner.pageId]?.permissionMissing || principal.grant.kind !== 'page')) {
    throw pagePublishPermissionMissing();
  }
  if (owner.network === 'instagram' && state.igAccounts[owner.igUserId]?.permissionMissing) throw instagramPermissionDenied();
}

/**
 * Answers `/{id}` and `/{id}/{edge}` in Graph's order of checks: the token, then the node, the
 * edge, access to the node's account, that account's flags, and finally the handler.
 */
export function createGraphDispatcher(deps: MetaDeps, host: MetaHost, routes: readonly AnyGraphRoute[]) {
  return async (req: Request, res: Response): Promise<void> => {
    const state = metaState(deps);
    const now = deps.clock.now();
    const params = collectParams(req);
    const { id: rawId, edge } = req.params as { id: string; edge?: string };
    const method = req.method.toUpperCase();
    const principal = authenticate(state, host, paramString(params, 'access_token') ?? headerToken(req), now);
    if (!METHODS.has(method)) throw unsupportedRequest(method, rawId);
    const id = rawId === 'me' ? selfId(principal) : rawId;
    const object = resolveObject(state, id);
    if (!object || !KIND_HOSTS[object.kind].includes(host)) throw unsupportedRequest(method, rawId);
    const route = findRoute(routes, method, object, edge, rawId);
    const owner = ownerOf(object);
    if (!canAccess(state, principal, owner)) throw accessDenied(owner, method, rawId);
    const expired = targetExpiry(state, owner, now);
    if (expired) throw expired;
    if (route.publishes) assertPublishPermission(state, principal, owner);
    const call: GraphCall = {
      host,
      method: method as GraphMethod,
      params,
      fields: parseFields(paramString(params, 'fields')),
      principal,
      now,
      url: new URL(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`),
    };
    const body = await route.handle(deps, call, object);
    deps.store.changed();
    sendJson(res, 200, body);
  };
}
