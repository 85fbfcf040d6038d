import { paramString, type Params } from '../../http/request-params.util';
import { authenticate } from '../graph/graph-auth';
import { accessTokenRequired } from '../graph/graph.errors';
import { metaState, type MetaDeps } from '../meta-deps.types';
import { missingOAuthParameter, tokenTooRecent, unsupportedGrantType } from './oauth.errors';
import { consumeCode } from './oauth-codes.util';
import { INSTAGRAM_LOGIN_PERMISSIONS, LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS, issueInstagramToken, type IssuedToken } from './meta-tokens.util';

const DAY_MS = 86_400_000;

function instagramPrincipal(deps: MetaDeps, token: string | undefined) {
  if (!token) throw accessTokenRequired();
  return authenticate(metaState(deps), 'graph.instagram.com', token, deps.clock.now());
}

/** GET graph.instagram.com/access_token?grant_type=ig_exchange_token: short-lived for long-lived. */
export function exchangeInstagramToken(deps: MetaDeps, params: Params, token: string | undefined): IssuedToken {
  const grantType = paramString(params, 'grant_type');
  if (grantType !== 'ig_exchange_token') throw unsupportedGrantType(grantType);
  if (!paramString(params, 'client_secret')) throw missingOAuthParameter('client_secret');
  const principal = instagramPrincipal(deps, token);
  if (principal.grant.kind !== 'instagram') throw accessTokenRequired();
  return issueInstagramToken(deps, principal.grant.igUserId, LONG_LIVED_SECONDS);
}

/** GET graph.instagram.com/refresh_access_token: a new 60-day token for one at least 24 h old. */
export function refreshInstagramToken(deps: MetaDeps, params: Params, token: string | undefined): IssuedToken {
  const grantType = paramString(params, 'grant_type');
  if (grantType !== 'ig_refresh_token') throw unsupportedGrantType(grantType);
  const principal = instagramPrincipal(deps, token);
  if (principal.grant.kind !== 'instagram') throw accessTokenRequired();
  if (deps.clock.now().getTime() - Date.parse(principal.grant.issuedAt) < DAY_MS) throw tokenTooRecent();
  return issueInstagramToken(deps, principal.grant.igUserId, LONG_LIVED_SECONDS);
}

/**
 * POST api.instagram.com/oauth/access_token (form body): a code for a short-lived token.
 * `user_id` is the app-scoped id written as a bare JSON number, as Instagram does: it exceeds
 * 2^53, so a plain JSON.parse rounds it. Clients should take the account id from /me instead.
 */
export function exchangeInstagramCode(deps: MetaDeps, params: Params): string {
  for (const name of ['client_id', 'client_secret', 'grant_type', 'redirect_uri', 'code']) {
    if (!paramString(params, name)) throw missingOAuthParameter(name);
  }
  if (paramString(params, 'grant_type') !== 'authorization_code') throw unsupportedGrantType(paramString(params, 'grant_type'));
  const code = consumeCode(deps, 'instagram', paramString(params, 'code')!, paramString(params, 'redirect_uri')!);
  const account = metaState(deps).igAccounts[code.subjectId];
  const issued = issueInstagramToken(deps, code.subjectId, SHORT_LIVED_SECONDS);
  const scoped = account?.appScopedId ?? code.subjectId;
  return `{"access_token":${JSON.stringify(issued.access_token)},"user_id":${scoped},"permissions":${JSON.stringify(INSTAGRAM_LOGIN_PERMISSIONS)}}`;
}
