import { paramString, type Params } from '../../http/request-params.util';
import { authenticate } from '../graph/graph-auth';
import { invalidAccessToken } from '../graph/graph.errors';
import { renderFields } from '../graph/graph-fields.util';
import { paginate } from '../graph/graph-paging.util';
import type { ObjectOf } from '../graph/graph-objects';
import type { GraphCall } from '../graph/graph-route.types';
import { pageFields } from '../facebook/facebook-objects.view';
import { metaState, type MetaDeps } from '../meta-deps.types';
import { missingOAuthParameter, unsupportedGrantType } from './oauth.errors';
import { consumeCode } from './oauth-codes.util';
import { FACEBOOK_PERMISSIONS, LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS, issueUserToken, type IssuedToken } from './meta-tokens.util';

function required(params: Params, name: string): string {
  const value = paramString(params, name);
  if (!value) throw missingOAuthParameter(name);
  return value;
}

/**
 * GET graph.facebook.com/oauth/access_token: a dialog code for a short-lived user token, or
 * (grant_type=fb_exchange_token) a valid user token for a long-lived one. Client ids and
 * secrets are required but not checked: the sandbox has no app registry.
 */
export function exchangeFacebookToken(deps: MetaDeps, params: Params): IssuedToken {
  required(params, 'client_id');
  const grantType = paramString(params, 'grant_type');
  if (grantType === 'fb_exchange_token') {
    required(params, 'client_secret');
    const principal = authenticate(metaState(deps), 'graph.facebook.com', required(params, 'fb_exchange_token'), deps.clock.now());
    if (principal.grant.kind !== 'user') throw invalidAccessToken();
    return issueUserToken(deps, principal.grant.userId, LONG_LIVED_SECONDS);
  }
  if (grantType !== undefined && grantType !== 'authorization_code') throw unsupportedGrantType(grantType);
  const redirectUri = required(params, 'redirect_uri');
  required(params, 'client_secret');
  const code = consumeCode(deps, 'facebook', required(params, 'code'), redirectUri);
  return issueUserToken(deps, code.subjectId, SHORT_LIVED_SECONDS);
}

const ACCOUNTS_DEFAULT_FIELDS = ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'] as const;

/** GET /me/accounts: the user's Pages with their tokens. */
export function listUserPages(deps: MetaDeps, call: GraphCall, object: ObjectOf<'user'>): unknown {
  const state = metaState(deps);
  const pages = Object.values(state.pages).filter((p) => p.userId === object.record.id);
  const { page, paging } = paginate(pages, call.params, call.url);
  return {
    data: page.map((p) => renderFields(call.fields, pageFields(state, p, object.record.id), ACCOUNTS_DEFAULT_FIELDS, 'Page')),
    paging,
  };
}

/** GET /me/permissions: all granted, except the publishing ones an account's `permissionMissing` flag withdraws. */
export function listPermissions(deps: MetaDeps, _call: GraphCall, object: ObjectOf<'user'>): unknown {
  const state = metaState(deps);
  const pages = Object.values(state.pages).filter((p) => p.userId === object.record.id);
  const pageIds = new Set(pages.map((p) => p.id));
  const declined = new Set<string>();
  if (pages.some((p) => p.permissionMissing)) declined.add('pages_manage_posts');
  if (Object.values(state.igAccounts).some((a) => pageIds.has(a.pageId) && a.permissionMissing)) declined.add('instagram_content_publish');
  return {
    data: FACEBOOK_PERMISSIONS.map((permission) => ({ permission, status: declined.has(permission) ? 'declined' : 'granted' })),
  };
}
