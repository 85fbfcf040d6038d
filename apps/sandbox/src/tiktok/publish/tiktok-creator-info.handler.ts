import type { TikTokPrincipal } from '../http/tiktok-auth';
import type { PrivacyLevel, TikTokAccount } from '../tiktok-state.types';
import { assertCanPost } from './tiktok-account-gates.util';

/** A private account cannot post to everyone; a public one has no followers-only level. */
export function privacyOptions(account: TikTokAccount): PrivacyLevel[] {
  return account.privateAccount
    ? ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY']
    : ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];
}

export function avatarUrl(account: TikTokAccount): string {
  return `https://p16-sign.tiktokcdn-us.com/sandbox/${encodeURIComponent(account.username)}.jpeg`;
}

/** POST /v2/post/publish/creator_info/query/: what the export page must offer this creator. */
export function queryCreatorInfo(principal: TikTokPrincipal): Record<string, unknown> {
  const { account } = principal;
  assertCanPost(account, 'direct', 200);
  return {
    creator_avatar_url: avatarUrl(account),
    creator_username: account.username,
    creator_nickname: account.displayName,
    privacy_level_options: privacyOptions(account),
    comment_disabled: account.commentDisabled,
    // Private accounts cannot be dueted or stitched.
    duet_disabled: account.duetDisabled || account.privateAccount,
    stitch_disabled: account.stitchDisabled || account.privateAccount,
    max_video_post_duration_sec: account.maxVideoDurationSec,
  };
}
