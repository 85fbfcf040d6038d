import type { Params } from '../../http/request-params.util';
import type { MetaDeps, MetaHost } from '../meta-deps.types';
import type { Principal } from './graph-auth';
import type { GraphObject, GraphObjectKind, ObjectOf } from './graph-objects';

export type GraphMethod = 'GET' | 'POST' | 'DELETE';

/** One authenticated call on a Graph node, as handlers see it. */
export interface GraphCall {
  host: MetaHost;
  method: GraphMethod;
  params: Params;
  /** Top-level names of the `fields` parameter, if any. */
  fields: string[] | undefined;
  principal: Principal;
  now: Date;
  /** The request's absolute URL as the client sent it, for paging links. */
  url: URL;
}

export interface GraphRoute<K extends GraphObjectKind> {
  method: GraphMethod;
  kind: K;
  /** The edge after the node id (`feed` in /{page-id}/feed); absent for the node itself. */
  edge?: string;
  /** Publishing calls are refused when the account lacks publishing permission. */
  publishes?: boolean;
  handle(deps: MetaDeps, call: GraphCall, object: ObjectOf<K>): unknown;
}

export interface AnyGraphRoute {
  method: GraphMethod;
  kind: GraphObjectKind;
  edge?: string;
  publishes?: boolean;
  handle(deps: MetaDeps, call: GraphCall, object: GraphObject): unknown;
}

/** Erases a route's node kind so routes of every kind share one table; dispatch matches the kind first. */
export function graphRoute<K extends GraphObjectKind>(route: GraphRoute<K>): AnyGraphRoute {
  return { ...route, handle: (deps, call, object) => route.handle(deps, call, object as ObjectOf<K>) };
}
