import type { PreparedPublish } from '@herald/domain';
import { isJsonObject, numberField, stringArray, stringField } from '../json-fields.util';
import { refusedBeforeSending } from '../provider-failure.util';
import type { TikTokMediaFormat } from './tiktok-post-rules';

export type TikTokMode = 'direct' | 'inbox';
export type TikTokTransfer = 'FILE_UPLOAD' | 'PULL_FROM_URL';
export type TikTokPostInfo = Record<string, string | boolean>;

/** What `prepare` decided (plain JSON in Temporal history: no tokens). Nothing exists on TikTok yet. */
export interface TikTokPrepared {
  format: TikTokMediaFormat;
  mode: TikTokMode;
  transfer: TikTokTransfer;
  mediaUrls: string[];
  /** post_info exactly as init sends it; absent for inbox videos, whose init takes none. */
  postInfo?: TikTokPostInfo;
  /** creator_username, for the post's URL. */
  username?: string;
}

/** A post TikTok accepted (commit answered `accepted`): what confirm and reconcile poll. */
export interface TikTokPending extends TikTokPrepared {
  publishId: string;
  /** FILE_UPLOAD: the bytes TikTok must have received before it can publish. */
  videoSize?: number;
}

const FORMATS: readonly TikTokMediaFormat[] = ['video', 'photo'];
const MODES: readonly TikTokMode[] = ['direct', 'inbox'];
const TRANSFERS: readonly TikTokTransfer[] = ['FILE_UPLOAD', 'PULL_FROM_URL'];

export function toPreparedPublish(prepared: TikTokPrepared | TikTokPending): PreparedPublish {
  const data: Record<string, unknown> = { ...prepared };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return { provider: 'tiktok', data };
}

/** Reads back what `toPreparedPublish` wrote; anything else is a bug upstream, not a network error. */
export function readTikTokPrepared(prepared: PreparedPublish): TikTokPrepared {
  const { data } = prepared;
  const format = FORMATS.find((candidate) => candidate === data['format']);
  const mode = MODES.find((candidate) => candidate === data['mode']);
  const transfer = TRANSFERS.find((candidate) => candidate === data['transfer']);
  const mediaUrls = stringArray(data['mediaUrls']);
  if (prepared.provider !== 'tiktok' || !format || !mode || !transfer || mediaUrls.length === 0) {
    throw refusedBeforeSending('INTERNAL', 'The prepared TikTok post is incomplete; Herald must prepare it again.');
  }
  const result: TikTokPrepared = { format, mode, transfer, mediaUrls };
  const postInfo = data['postInfo'];
  if (isJsonObject(postInfo)) result.postInfo = postInfoOf(postInfo);
  const username = stringField(data, 'username');
  if (username) result.username = username;
  return result;
}

export function readTikTokPending(pending: PreparedPublish): TikTokPending {
  const prepared = readTikTokPrepared(pending);
  const publishId = stringField(pending.data, 'publishId');
  if (!publishId) throw refusedBeforeSending('INTERNAL', 'The accepted TikTok post has no publish id; Herald cannot follow it.');
  const videoSize = numberField(pending.data, 'videoSize');
  return videoSize === undefined ? { ...prepared, publishId } : { ...prepared, publishId, videoSize };
}

function postInfoOf(raw: Record<string, unknown>): TikTokPostInfo {
  const info: TikTokPostInfo = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'boolean') info[key] = value;
  }
  return info;
}
