import {
  reachedActiveUserCap,
  spamRiskTooManyPendingShare,
  spamRiskTooManyPosts,
  spamRiskUserBannedFromPosting,
} from '../tiktok.errors';
import type { TikTokAccount } from '../tiktok-state.types';

/**
 * The account states that stop a creator from posting. The init endpoints answer them with 403;
 * creator_info answers the same codes with HTTP 200 (pass `status`), as TikTok does on purpose.
 * The daily cap counts posts, so it stops direct posts; the pending-share limit counts drafts
 * waiting in the inbox, so it stops inbox uploads.
 */
export function assertCanPost(account: TikTokAccount, mode: 'direct' | 'inbox', status = 403): void {
  if (account.bannedFromPosting) throw spamRiskUserBannedFromPosting(status);
  if (account.activeUserCapReached) throw reachedActiveUserCap(status);
  if (mode === 'direct' && account.dailyCapReached) throw spamRiskTooManyPosts(status);
  if (mode === 'inbox' && account.tooManyPendingShares) throw spamRiskTooManyPendingShare();
}
