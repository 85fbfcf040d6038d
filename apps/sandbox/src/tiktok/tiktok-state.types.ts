import type { Mp4ScanState } from '../media/mp4-duration.util';
import type { MediaFormat } from '../media/media-sniff.util';

export const TIKTOK_SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list', 'video.publish', 'video.upload'] as const;
export type TikTokScope = (typeof TIKTOK_SCOPES)[number];

export const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

/** A TikTok creator who authorized the app. */
export interface TikTokAccount {
  openId: string;
  unionId: string;
  displayName: string;
  username: string;
  /** The newest token pair issued for the account, as the admin API shows it. */
  accessToken: string;
  refreshToken: string;
  /** The app the account authorized is not audited yet: direct posts only as SELF_ONLY to a private account. */
  unauditedApp: boolean;
  privateAccount: boolean;
  /** Access tokens issued before this sequence number answer 401 (the admin `tokenExpired` flag). */
  accessValidFromSeq: number;
  /** Refresh tokens issued before this sequence number answer invalid_grant (`refreshTokenRevoked`). */
  refreshValidFromSeq: number;
  dailyCapReached: boolean;
  bannedFromPosting: boolean;
  tooManyPendingShares: boolean;
  activeUserCapReached: boolean;
  maxVideoDurationSec: number;
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  /** Makes the next publish end FAILED with this fail_reason (e.g. internal, spam_risk_text), once. */
  nextPublishFailReason?: string;
  createdAt: string;
}

export interface TikTokTokenGrant {
  openId: string;
  scopes: TikTokScope[];
  /** Order of issue, compared with the account's *ValidFromSeq. */
  seq: number;
  issuedAt: string;
  /** Absent for the tokens the admin API hands out: they do not expire on their own. */
  expiresAt?: string;
}

export interface TikTokAuthCode {
  code: string;
  openId: string;
  redirectUri: string;
  scopes: TikTokScope[];
  /** PKCE, when the authorize request carried one. */
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: string;
  used: boolean;
}

/** A video or photo as TikTok received it, through an upload or a download. */
export interface TikTokMedia {
  /** The URL TikTok pulled; absent for FILE_UPLOAD. */
  url?: string;
  bytes: number;
  contentType: string | null;
  format: MediaFormat;
  durationMs?: number;
}

export type TikTokVerdict = { ok: true; media: TikTokMedia[] } | { ok: false; failReason: string; media: TikTokMedia[] };

/** A FILE_UPLOAD in progress: the declared chunking and what has arrived so far. */
export interface TikTokUpload {
  uploadId: string;
  uploadToken: string;
  videoSize: number;
  chunkSize: number;
  totalChunks: number;
  received: number;
  /** The first bytes received (base64), enough to tell the format. */
  head: string;
  /** The walk over the MP4 boxes, fed chunk by chunk, for the duration. */
  scan: Mp4ScanState;
  contentType?: string;
  expiresAt: string;
}

export interface TikTokPostInfo {
  title?: string;
  description?: string;
  privacyLevel?: PrivacyLevel;
  disableComment: boolean;
  disableDuet: boolean;
  disableStitch: boolean;
  brandContentToggle: boolean;
  brandOrganicToggle: boolean;
  isAigc: boolean;
}

/** One init call and what became of it; its id is the publish_id. */
export interface TikTokPublish {
  id: string;
  openId: string;
  kind: 'video' | 'photo';
  mode: 'direct' | 'inbox';
  source: 'FILE_UPLOAD' | 'PULL_FROM_URL';
  postInfo: TikTokPostInfo;
  upload?: TikTokUpload;
  /** PULL_FROM_URL: the video_url, or the photo_images in order. */
  urls: string[];
  photoCoverIndex?: number;
  /** Status reads still answering PROCESSING_* once the media is in. */
  pollsLeft: number;
  /** Outcome of the checks, set when the last chunk or the download is in. */
  verdict?: TikTokVerdict;
  cancelled: boolean;
  /** Direct posts that passed: the post made. */
  postId?: string;
  /** Whether the post id is given out (not SELF_ONLY, account not private when it was made). */
  publiclyAvailable?: boolean;
  createdAt: string;
}

/** A post on the creator's profile, as /v2/video/list/ lists it. */
export interface TikTokPost {
  id: string;
  openId: string;
  publishId: string;
  kind: 'video' | 'photo';
  title: string;
  description: string;
  privacyLevel: PrivacyLevel;
  publiclyAvailable: boolean;
  /** Unix ms, unique per account so that list cursors never skip a post. */
  createTimeMs: number;
  durationMs?: number;
}

export interface TikTokState {
  /** By open_id. */
  accounts: Record<string, TikTokAccount>;
  accessTokens: Record<string, TikTokTokenGrant>;
  refreshTokens: Record<string, TikTokTokenGrant>;
  authCodes: Record<string, TikTokAuthCode>;
  publishes: Record<string, TikTokPublish>;
  /** upload_id to publish_id. */
  uploads: Record<string, string>;
  posts: Record<string, TikTokPost>;
  /** URL prefixes (or bare origins) the app verified for PULL_FROM_URL. */
  verifiedUrlPrefixes: string[];
  nextSeq: number;
}

export function emptyTikTokState(): TikTokState {
  return {
    accounts: {},
    accessTokens: {},
    refreshTokens: {},
    authCodes: {},
    publishes: {},
    uploads: {},
    posts: {},
    verifiedUrlPrefixes: [],
    nextSeq: 1,
  };
}
