import type { MediaRecord } from '../state/media-record.types';

/** The Facebook user behind Pages; Facebook-login user tokens belong to one. */
export interface MetaUser {
  id: string;
  name: string;
  userToken: string;
  createdAt: string;
}

export interface FacebookPage {
  id: string;
  name: string;
  username?: string;
  category: string;
  userId: string;
  pageToken: string;
  /** Page Publishing Authorization pending: posting as the Page and via its IG account is refused. */
  identityCheckpoint: boolean;
  tokenExpired: boolean;
  permissionMissing: boolean;
  createdAt: string;
}

export interface InstagramAccount {
  id: string;
  name: string;
  username: string;
  /** The Facebook Page the business account is linked to (Facebook login goes through it). */
  pageId: string;
  /** The graph.instagram.com token (Instagram login). */
  loginToken: string;
  /**
   * Instagram login's app-scoped user id: `id` of graph.instagram.com/me and `user_id` of the
   * code exchange, unlike `user_id` of /me (the account id). Accepted as an alias of the account.
   */
  appScopedId: string;
  tokenExpired: boolean;
  permissionMissing: boolean;
  quotaTotal: number;
  /** When each publish counted against the rolling 24 h quota (sandbox clock, ISO). */
  quotaEvents: string[];
  createdAt: string;
}

export type TokenGrant =
  | { kind: 'user'; userId: string; issuedAt: string; expiresAt?: string }
  | { kind: 'page'; pageId: string; issuedAt: string }
  | { kind: 'instagram'; igUserId: string; issuedAt: string; expiresAt?: string };

export interface OAuthCode {
  code: string;
  network: 'facebook' | 'instagram';
  /** Facebook user id or Instagram user id, per network. */
  subjectId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: string;
  used: boolean;
}

export type FbPostKind = 'status' | 'link' | 'photo' | 'album' | 'video';

export interface FbPost {
  /** `<pageId>_<postId>`, as Graph names Page posts. */
  id: string;
  pageId: string;
  kind: FbPostKind;
  /** Which Graph call made it, for the admin listing. */
  source: 'feed' | 'photo' | 'video';
  message?: string;
  link?: string;
  photoIds: string[];
  videoId?: string;
  published: boolean;
  scheduledPublishTime?: string;
  createdAt: string;
  deletedAt?: string;
}

export interface FbPhoto {
  id: string;
  pageId: string;
  caption?: string;
  published: boolean;
  /** The post this photo made (published) or was attached to (unpublished, via attached_media). */
  postId?: string;
  media: MediaRecord;
  createdAt: string;
}

export interface FbVideo {
  id: string;
  pageId: string;
  title?: string;
  description?: string;
  fileUrl: string;
  published: boolean;
  pollsLeft: number;
  verdict?: { ok: true; media: MediaRecord } | { ok: false; message: string; media?: MediaRecord };
  postId?: string;
  createdAt: string;
}

export type IgMediaType = 'IMAGE' | 'VIDEO' | 'REELS' | 'STORIES' | 'CAROUSEL';

export type IgContainerVerdict = { ok: true; media: MediaRecord } | { ok: false; subcode: number; media?: MediaRecord };

export interface IgContainer {
  id: string;
  igUserId: string;
  mediaType: IgMediaType;
  isCarouselItem: boolean;
  imageUrl?: string;
  videoUrl?: string;
  caption?: string;
  childIds: string[];
  collaborators: string[];
  /** Status reads left before processing is over. */
  pollsLeft: number;
  /** Outcome of the media download; absent while a video is still being fetched. */
  verdict?: IgContainerVerdict;
  publishedMediaId?: string;
  createdAt: string;
}

export interface IgMedia {
  id: string;
  igUserId: string;
  containerId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS' | 'STORY';
  caption?: string;
  shortcode: string;
  childIds: string[];
  /** Set on carousel children: the album they belong to. */
  parentId?: string;
  media: MediaRecord[];
  timestamp: string;
}

/**
 * A comment on a Page post or an Instagram media, or a reply to a comment. Only the account's
 * own tokens reach its posts here, so the account that owns the post is also the author.
 */
export interface MetaComment {
  /** Facebook: `<postId>_<commentId>` (the post part without the Page id); Instagram: numeric. */
  id: string;
  network: 'facebook' | 'instagram';
  /** The Page or Instagram account whose post it is on, and who wrote it. */
  accountId: string;
  /** The Page post or IG media the thread hangs on. */
  rootId: string;
  /** What it was made on: the post or media, or (a reply) a top-level comment. */
  parentId: string;
  text: string;
  createdAt: string;
}

export interface MetaState {
  users: Record<string, MetaUser>;
  pages: Record<string, FacebookPage>;
  igAccounts: Record<string, InstagramAccount>;
  tokens: Record<string, TokenGrant>;
  oauthCodes: Record<string, OAuthCode>;
  fbPosts: Record<string, FbPost>;
  fbPhotos: Record<string, FbPhoto>;
  fbVideos: Record<string, FbVideo>;
  igContainers: Record<string, IgContainer>;
  igMedia: Record<string, IgMedia>;
  /** In creation order (ids are too long to be array indices, so insertion order holds). */
  comments: Record<string, MetaComment>;
}

export function emptyMetaState(): MetaState {
  return {
    users: {},
    pages: {},
    igAccounts: {},
    tokens: {},
    oauthCodes: {},
    fbPosts: {},
    fbPhotos: {},
    fbVideos: {},
    igContainers: {},
    igMedia: {},
    comments: {},
  };
}
