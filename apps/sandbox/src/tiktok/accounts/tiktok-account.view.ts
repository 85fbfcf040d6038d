import { accessTokenIsLive, grantIsLive } from '../http/tiktok-auth';
import type { TikTokAccount, TikTokState } from '../tiktok-state.types';

/** A TikTok account as the admin API shows it; tokens included, this is a local emulator. */
export interface TikTokAccountView {
  network: 'tiktok';
  /** The open_id. */
  id: string;
  name: string;
  username: string;
  unionId: string;
  /** The newest token pair; refreshing through the API moves these on. */
  accessToken: string;
  refreshToken: string;
  state: {
    unauditedApp: boolean;
    privateAccount: boolean;
    /** The shown access token answers 401 (flag set, or past its lifetime). */
    tokenExpired: boolean;
    /** The shown refresh token answers invalid_grant. */
    refreshTokenRevoked: boolean;
    dailyCapReached: boolean;
    bannedFromPosting: boolean;
    tooManyPendingShares: boolean;
    activeUserCapReached: boolean;
    maxVideoDurationSec: number;
    commentDisabled: boolean;
    duetDisabled: boolean;
    stitchDisabled: boolean;
    nextPublishFailReason: string | null;
  };
  createdAt: string;
}

export function tiktokAccountView(state: TikTokState, account: TikTokAccount, now: Date): TikTokAccountView {
  const refresh = state.refreshTokens[account.refreshToken];
  return {
    network: 'tiktok',
    id: account.openId,
    name: account.displayName,
    username: account.username,
    unionId: account.unionId,
    accessToken: account.accessToken,
    refreshToken: account.refreshToken,
    state: {
      unauditedApp: account.unauditedApp,
      privateAccount: account.privateAccount,
      tokenExpired: !accessTokenIsLive(state, account.accessToken, now),
      refreshTokenRevoked: !refresh || !grantIsLive(refresh, account.refreshValidFromSeq, now),
      dailyCapReached: account.dailyCapReached,
      bannedFromPosting: account.bannedFromPosting,
      tooManyPendingShares: account.tooManyPendingShares,
      activeUserCapReached: account.activeUserCapReached,
      maxVideoDurationSec: account.maxVideoDurationSec,
      commentDisabled: account.commentDisabled,
      duetDisabled: account.duetDisabled,
      stitchDisabled: account.stitchDisabled,
      nextPublishFailReason: account.nextPublishFailReason ?? null,
    },
    createdAt: account.createdAt,
  };
}
