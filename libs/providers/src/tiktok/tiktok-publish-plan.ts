import type { MediaRef } from '@herald/domain';
import type { PublishablePost } from '../provider-adapter';
import { refusedBeforeSending } from '../provider-failure.util';
import type { TikTokCreatorInfo } from './tiktok-creator-info';
import { type TikTokMediaFormat, tiktokFormatOf } from './tiktok-post-rules';
import type { TikTokPostInfo, TikTokPrepared, TikTokTransfer } from './tiktok-prepared';
import type { TikTokSettings } from './tiktok-settings';

/**
 * TikTok pulls only from domains or URL prefixes verified for the app. A bare origin covers all
 * its paths; a prefix with a path must match the start of the URL.
 */
export function isVerifiedUrl(prefixes: readonly string[], url: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return prefixes.some((prefix) => {
    let parsed: URL;
    try {
      parsed = new URL(prefix.trim());
    } catch {
      return false;
    }
    if (parsed.pathname === '/' && !parsed.search) return parsed.origin === target.origin;
    return target.href.startsWith(parsed.href);
  });
}

/**
 * What commit will send. Switches the creator disabled (comments, duets, stitches) are forced
 * off. The post must already have passed validateTikTokPost.
 */
export function planTikTokPublish(
  post: PublishablePost,
  settings: TikTokSettings,
  creatorInfo: TikTokCreatorInfo | undefined,
  transfer: TikTokTransfer,
): TikTokPrepared {
  const format = formatOrRefuse(post.media);
  const prepared: TikTokPrepared = {
    format,
    mode: settings.postingMethod === 'UPLOAD' ? 'inbox' : 'direct',
    transfer,
    mediaUrls: post.media.map((item) => item.path),
  };
  const postInfo = buildPostInfo(format, prepared.mode === 'direct', post.content, settings, creatorInfo);
  if (postInfo) prepared.postInfo = postInfo;
  if (creatorInfo?.username) prepared.username = creatorInfo.username;
  return prepared;
}

/**
 * Photos go only as PULL_FROM_URL (TikTok has no photo upload), so they need verified URLs; a
 * video is pulled from a verified URL and uploaded (FILE_UPLOAD) from any other.
 */
export function chooseTransfer(media: readonly MediaRef[], prefixes: readonly string[]): TikTokTransfer {
  const format = formatOrRefuse(media);
  const unverified = media.map((item) => item.path).find((url) => !isVerifiedUrl(prefixes, url));
  if (unverified === undefined) return 'PULL_FROM_URL';
  if (format === 'video') return 'FILE_UPLOAD';
  throw refusedBeforeSending(
    'VALIDATION',
    `TikTok downloads photos itself, and only from URLs verified for Herald's TikTok app: verify ${originOf(unverified)} ` +
      '(domain or URL prefix) in the TikTok developer portal and add it to Herald\'s TikTok verified URL prefixes, or ' +
      'upload the photos to Herald.',
  );
}

function formatOrRefuse(media: readonly MediaRef[]): TikTokMediaFormat {
  const format = tiktokFormatOf(media);
  if (!format) throw refusedBeforeSending('VALIDATION', 'A TikTok post takes one MP4 video on its own, or 1 to 35 JPEG or WEBP photos.');
  return format;
}

function buildPostInfo(
  format: TikTokMediaFormat,
  direct: boolean,
  content: string,
  settings: TikTokSettings,
  creatorInfo: TikTokCreatorInfo | undefined,
): TikTokPostInfo | undefined {
  // Inbox posts are finished in the TikTok app: videos take no post_info, photos only their texts.
  if (!direct && format === 'video') return undefined;
  const info: TikTokPostInfo = {};
  if (format === 'video') {
    if (content !== '') info['title'] = content;
  } else {
    if (settings.title !== undefined) info['title'] = settings.title;
    if (content !== '') info['description'] = content;
  }
  if (!direct) return info;

  info['privacy_level'] = settings.privacyLevel;
  info['disable_comment'] = !settings.allowComment || creatorInfo?.commentDisabled === true;
  if (format === 'video') {
    info['disable_duet'] = !settings.allowDuet || creatorInfo?.duetDisabled === true;
    info['disable_stitch'] = !settings.allowStitch || creatorInfo?.stitchDisabled === true;
    info['is_aigc'] = settings.madeWithAi;
  } else {
    info['auto_add_music'] = settings.autoAddMusic;
  }
  info['brand_content_toggle'] = settings.brandContent;
  info['brand_organic_toggle'] = settings.brandOrganic;
  return info;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
