import type { FieldGetters } from '../graph/graph-fields.util';
import { graphTime } from '../meta-ids.util';
import type { MetaHost } from '../meta-deps.types';
import type { IgMedia, InstagramAccount, MetaState } from '../meta-state.types';

export function mediaPermalink(media: IgMedia, username: string): string {
  switch (media.productType) {
    case 'REELS':
      return `https://www.instagram.com/reel/${media.shortcode}/`;
    case 'STORY':
      return `https://www.instagram.com/stories/${username}/${media.id}/`;
    case 'FEED':
      return `https://www.instagram.com/p/${media.shortcode}/`;
  }
}

export function mediaFields(state: MetaState, media: IgMedia): FieldGetters {
  const account = state.igAccounts[media.igUserId];
  const username = account?.username ?? '';
  const firstChild = media.childIds[0] ? state.igMedia[media.childIds[0]] : undefined;
  return {
    id: () => media.id,
    caption: () => media.caption,
    media_type: () => media.mediaType,
    media_product_type: () => media.productType,
    media_url: () => (media.media[0] ?? firstChild?.media[0])?.url,
    permalink: () => mediaPermalink(media, username),
    shortcode: () => media.shortcode,
    timestamp: () => graphTime(media.timestamp),
    username: () => username,
    owner: () => ({ id: media.igUserId }),
    children: () => (media.mediaType === 'CAROUSEL_ALBUM' ? { data: media.childIds.map((id) => ({ id })) } : undefined),
    is_comment_enabled: () => true,
    is_shared_to_feed: () => (media.productType === 'REELS' ? true : undefined),
    like_count: () => 0,
    comments_count: () => Object.values(state.comments).filter((c) => c.rootId === media.id).length,
  };
}

/**
 * On graph.instagram.com, `id` is the app-scoped id and `user_id` the professional account id
 * (the one to publish with); on graph.facebook.com `id` is the account id.
 */
export function instagramUserFields(state: MetaState, account: InstagramAccount, host: MetaHost): FieldGetters {
  const published = Object.values(state.igMedia).filter((m) => m.igUserId === account.id && !m.parentId);
  return {
    id: () => (host === 'graph.instagram.com' ? account.appScopedId : account.id),
    user_id: () => (host === 'graph.instagram.com' ? account.id : undefined),
    ig_id: () => Number(account.id.slice(-10)),
    username: () => account.username,
    name: () => account.name,
    account_type: () => 'BUSINESS',
    biography: () => '',
    website: () => undefined,
    profile_picture_url: () => `https://www.instagram.com/static/sandbox/${account.username}.jpg`,
    followers_count: () => 0,
    follows_count: () => 0,
    media_count: () => published.filter((m) => m.productType !== 'STORY').length,
  };
}
