import type { Request } from 'express';
import { headerToken } from '../../http/request-params.util';
import { accessTokenInvalid, rateLimitExceeded, scopeNotAuthorized } from '../tiktok.errors';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokAccount, TikTokScope, TikTokState, TikTokTokenGrant } from '../tiktok-state.types';

/** The creator a call acts for, as its Bearer token identifies them. */
export interface TikTokPrincipal {
  token: string;
  grant: TikTokTokenGrant;
  account: TikTokAccount;
}

export interface CallRules {
  /** The call needs one of these scopes. */
  anyScope: readonly TikTokScope[];
  /** TikTok's per-token per-minute limit of this endpoint. */
  rate?: { bucket: string; limit: number };
}

/** Whether an access or refresh grant still works: not past its lifetime, not cut off by an admin flag. */
export function grantIsLive(grant: TikTokTokenGrant, validFromSeq: number, now: Date): boolean {
  if (grant.seq < validFromSeq) return false;
  return grant.expiresAt === undefined || Date.parse(grant.expiresAt) > now.getTime();
}

export function accessTokenIsLive(state: TikTokState, token: string, now: Date): boolean {
  const grant = state.accessTokens[token];
  const account = grant && state.accounts[grant.openId];
  return grant !== undefined && account !== undefined && grantIsLive(grant, account.accessValidFromSeq, now);
}

/**
 * The Bearer token's creator, in TikTok's order of checks: a live token (401), the endpoint's
 * per-minute limit (429), then the scope the endpoint needs (401).
 */
export function authorizeCall(deps: TikTokDeps, req: Request, rules: CallRules): TikTokPrincipal {
  const state = tiktokState(deps);
  const now = deps.clock.now();
  const token = headerToken(req);
  if (!token || !accessTokenIsLive(state, token, now)) throw accessTokenInvalid();
  const grant = state.accessTokens[token]!;
  const account = state.accounts[grant.openId]!;
  if (rules.rate && !deps.rateLimiter.take(token, rules.rate.bucket, rules.rate.limit, now.getTime())) throw rateLimitExceeded();
  if (!rules.anyScope.some((scope) => grant.scopes.includes(scope))) throw scopeNotAuthorized(rules.anyScope.join(' or '));
  return { token, grant, account };
}
