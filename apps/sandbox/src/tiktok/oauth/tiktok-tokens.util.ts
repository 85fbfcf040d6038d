import { makeToken, type IdSource } from '../tiktok-ids.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokAccount, TikTokScope, TikTokTokenGrant } from '../tiktok-state.types';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds; undefined for the admin's tokens, which do not expire on their own. */
  accessExpiresIn?: number;
  refreshExpiresIn?: number;
  scopes: TikTokScope[];
}

export interface IssueOptions {
  /** Lifetimes in seconds; absent means no expiry. */
  accessTtlSec?: number;
  refreshTtlSec?: number;
  /** Derived tokens for the demo account; random otherwise. */
  accessSource?: IdSource;
  refreshSource?: IdSource;
}

function grant(deps: TikTokDeps, openId: string, scopes: TikTokScope[], now: Date, ttlSec: number | undefined): TikTokTokenGrant {
  const state = tiktokState(deps);
  const issued: TikTokTokenGrant = { openId, scopes: [...scopes], seq: state.nextSeq++, issuedAt: now.toISOString() };
  if (ttlSec !== undefined) issued.expiresAt = new Date(now.getTime() + ttlSec * 1000).toISOString();
  return issued;
}

/** A new access and refresh token for the account; the admin API shows the newest pair. */
export function issueTokens(deps: TikTokDeps, account: TikTokAccount, scopes: TikTokScope[], options: IssueOptions = {}): IssuedTokens {
  const state = tiktokState(deps);
  const now = deps.clock.now();
  const accessToken = makeToken('access', options.accessSource ?? 'random');
  const refreshToken = makeToken('refresh', options.refreshSource ?? 'random');
  state.accessTokens[accessToken] = grant(deps, account.openId, scopes, now, options.accessTtlSec);
  state.refreshTokens[refreshToken] = grant(deps, account.openId, scopes, now, options.refreshTtlSec);
  account.accessToken = accessToken;
  account.refreshToken = refreshToken;
  deps.store.changed();
  return { accessToken, refreshToken, accessExpiresIn: options.accessTtlSec, refreshExpiresIn: options.refreshTtlSec, scopes };
}
