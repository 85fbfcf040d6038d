import type { Request } from 'express';
import type { TikTokPrincipal } from '../http/tiktok-auth';
import { avatarUrl } from '../publish/tiktok-creator-info.handler';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokAccount } from '../tiktok-state.types';
import { pick, requestedFields } from './tiktok-fields.util';

function userFields(deps: TikTokDeps): Record<string, (account: TikTokAccount) => unknown> {
  const publicPosts = (a: TikTokAccount) => Object.values(tiktokState(deps).posts).filter((p) => p.openId === a.openId && p.publiclyAvailable).length;
  return {
    open_id: (a) => a.openId,
    union_id: (a) => a.unionId,
    avatar_url: (a) => avatarUrl(a),
    avatar_url_100: (a) => avatarUrl(a),
    avatar_large_url: (a) => avatarUrl(a),
    display_name: (a) => a.displayName,
    bio_description: () => '',
    profile_deep_link: (a) => `https://www.tiktok.com/@${a.username}`,
    is_verified: () => false,
    username: (a) => a.username,
    follower_count: () => 0,
    following_count: () => 0,
    likes_count: () => 0,
    video_count: publicPosts,
  };
}

/** GET /v2/user/info/?fields=...: the creator's profile, only the fields asked for. */
export function userInfo(deps: TikTokDeps, req: Request, principal: TikTokPrincipal): Record<string, unknown> {
  const renderers = userFields(deps);
  const fields = requestedFields((req.query as Record<string, unknown>).fields, Object.keys(renderers));
  return { user: pick(fields, renderers, principal.account) };
}
