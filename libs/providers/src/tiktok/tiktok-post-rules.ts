import type { ContentIssue, MediaRef } from '@herald/domain';
import type { TikTokCreatorInfo } from './tiktok-creator-info';
import { isVerifiedUrl } from './tiktok-publish-plan';
import { unverifiedUrlMessage } from './tiktok.errors';
import {
  describePrivacyLevels,
  readTikTokSettings,
  TIKTOK_PHOTO_TITLE_MAX,
  type TikTokSettings,
} from './tiktok-settings';

export const TIKTOK_MAX_PHOTOS = 35;
/** Video captions (post_info.title), in UTF-16 code units as TikTok counts. */
export const TIKTOK_VIDEO_CAPTION_MAX = 2200;
export const TIKTOK_PHOTO_DESCRIPTION_MAX = 4000;

export const VIDEO_FORMAT_MESSAGE = 'TikTok takes videos as MP4 only: convert the video to MP4 (H.264), then publish again.';
export const PHOTO_FORMAT_MESSAGE = 'TikTok takes photos as JPEG or WEBP only: convert the image to JPEG, then publish again.';
const MEDIA_MIX_MESSAGE = 'A TikTok post takes one MP4 video on its own, or 1 to 35 JPEG or WEBP photos.';

export interface TikTokPostInput {
  content: string;
  media: readonly MediaRef[];
  settings: Readonly<Record<string, unknown>>;
}

export type TikTokMediaFormat = 'video' | 'photo';

/**
 * TikTok's rules for one post, as field-level issues (empty: it may be scheduled). The API runs
 * them at scheduling time and the adapter before anything reaches TikTok; with the creator's
 * `creator_info`, the rules that depend on the account (visibility, video length) run too.
 */
export function validateTikTokPost(
  post: TikTokPostInput,
  creatorInfo?: TikTokCreatorInfo,
  options: { verifiedUrlPrefixes?: readonly string[] } = {},
): ContentIssue[] {
  const { settings, issues } = readTikTokSettings(post.settings);
  issues.push(...mediaIssues(post.media));
  const format = tiktokFormatOf(post.media);

  // Photos are pulled by TikTok, which downloads only from verified domains or prefixes.
  if (format === 'photo' && options.verifiedUrlPrefixes) {
    const prefixes = options.verifiedUrlPrefixes;
    post.media.forEach((media, index) => {
      if (!isVerifiedUrl(prefixes, media.path)) issues.push({ field: `image[${index}].path`, message: unverifiedUrlMessage(media.path) });
    });
  }

  if (format === 'video' && post.content.length > TIKTOK_VIDEO_CAPTION_MAX) {
    issues.push({ field: 'content', message: `is ${post.content.length} characters long; TikTok allows ${TIKTOK_VIDEO_CAPTION_MAX}` });
  }
  if (format === 'photo') {
    if (post.content.length > TIKTOK_PHOTO_DESCRIPTION_MAX) {
      issues.push({ field: 'content', message: `is ${post.content.length} characters long; TikTok photo descriptions allow ${TIKTOK_PHOTO_DESCRIPTION_MAX}` });
    }
    if (settings.title !== undefined && settings.title.length > TIKTOK_PHOTO_TITLE_MAX) {
      issues.push({ field: 'settings.title', message: `is ${settings.title.length} characters long; TikTok photo titles allow ${TIKTOK_PHOTO_TITLE_MAX}` });
    }
  }
  if (settings.postingMethod === 'DIRECT_POST' && settings.brandContent && settings.privacyLevel === 'SELF_ONLY') {
    issues.push({ field: 'settings.privacy_level', message: 'branded content cannot be posted with visibility "Only me" (SELF_ONLY)' });
  }

  if (creatorInfo) {
    const privacy = privacyIssue(settings, creatorInfo);
    if (privacy) issues.push(privacy);
    const duration = durationIssue(post.media, creatorInfo);
    if (duration) issues.push(duration);
  }
  return issues;
}

/** The visibility must be one the creator's account offers (direct posts only). */
export function privacyIssue(settings: TikTokSettings, creatorInfo: TikTokCreatorInfo): ContentIssue | undefined {
  if (settings.postingMethod !== 'DIRECT_POST') return undefined;
  if (creatorInfo.privacyLevelOptions.includes(settings.privacyLevel)) return undefined;
  return {
    field: 'settings.privacy_level',
    message: `${settings.privacyLevel} is not available for this TikTok account; choose one of: ` +
      `${describePrivacyLevels(creatorInfo.privacyLevelOptions)}`,
  };
}

/** A video whose length Herald knows must not exceed the creator's maximum. */
export function durationIssue(media: readonly MediaRef[], creatorInfo: TikTokCreatorInfo): ContentIssue | undefined {
  const max = creatorInfo.maxVideoPostDurationSec;
  if (max === undefined) return undefined;
  const index = media.findIndex((item) => item.kind === 'video' && item.durationMs !== undefined && item.durationMs > max * 1000);
  if (index < 0) return undefined;
  const seconds = (media[index]!.durationMs! / 1000).toFixed(1);
  return { field: `image[${index}]`, message: `lasts ${seconds} s; this TikTok account allows videos of at most ${max} seconds` };
}

/** 'video' or 'photo' when the media is one of the two; undefined for a mix or nothing. */
export function tiktokFormatOf(media: readonly MediaRef[]): TikTokMediaFormat | undefined {
  if (media.length === 0) return undefined;
  if (media.every((item) => item.kind === 'video')) return 'video';
  if (media.every((item) => item.kind === 'image')) return 'photo';
  return undefined;
}

function mediaIssues(media: readonly MediaRef[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const videos = media.filter((item) => item.kind === 'video').length;
  if (media.length === 0) issues.push({ field: 'image', message: MEDIA_MIX_MESSAGE });
  else if (videos > 0 && media.length > 1) issues.push({ field: 'image', message: MEDIA_MIX_MESSAGE });
  else if (media.length > TIKTOK_MAX_PHOTOS) {
    issues.push({ field: 'image', message: `has ${media.length} photos; TikTok allows ${TIKTOK_MAX_PHOTOS}` });
  }
  media.forEach((item, index) => {
    const format = fileFormatOf(item);
    const ok = item.kind === 'video' ? format === 'mp4' || format === undefined : format === 'jpeg' || format === 'webp' || format === undefined;
    if (!ok) {
      issues.push({ field: `image[${index}].path`, message: item.kind === 'video' ? VIDEO_FORMAT_MESSAGE : PHOTO_FORMAT_MESSAGE });
    }
  });
  return issues;
}

const FORMAT_BY_MIME: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
  'image/png': 'png',
  'image/gif': 'gif',
};

const FORMAT_BY_EXTENSION: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', m4v: 'm4v', mp4: 'mp4', mov: 'mov', qt: 'mov' };

/** The file format from the MIME type when known, else the URL's extension; undefined if neither says. */
export function fileFormatOf(media: MediaRef): string | undefined {
  if (media.mimeType) {
    const type = media.mimeType.toLowerCase().split(';')[0]!.trim();
    return FORMAT_BY_MIME[type] ?? type;
  }
  let pathname = media.path;
  try {
    pathname = new URL(media.path).pathname;
  } catch {
    // not an absolute URL: read its end as it is
  }
  const extension = /\.([a-z0-9]{1,5})$/i.exec(pathname)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  return FORMAT_BY_EXTENSION[extension] ?? extension;
}
