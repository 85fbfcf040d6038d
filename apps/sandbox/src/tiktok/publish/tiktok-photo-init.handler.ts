import type { Request } from 'express';
import type { TikTokPrincipal } from '../http/tiktok-auth';
import { jsonBody } from '../http/tiktok-body.util';
import { invalidParam, scopeNotAuthorized } from '../tiktok.errors';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import { assertCanPost } from './tiktok-account-gates.util';
import { checkDirectPrivacy, objectField, parsePostInfo, PHOTO_TEXT_LIMITS, storedPostInfo } from './tiktok-post-info.util';
import { createPublish } from './tiktok-publishes.util';
import { startPull } from './tiktok-pull.jobs';
import { assertPullableUrl } from './tiktok-url-ownership.util';

const MAX_PHOTOS = 35;

function photoImages(source: Record<string, unknown>): unknown[] {
  const images = source.photo_images;
  if (!Array.isArray(images) || images.length === 0) throw invalidParam('source_info.photo_images must be a non-empty array of URLs.');
  if (images.length > MAX_PHOTOS) throw invalidParam(`source_info.photo_images has ${images.length} images; a photo post takes at most ${MAX_PHOTOS}.`);
  return images;
}

function coverIndex(source: Record<string, unknown>, count: number): number {
  const value = source.photo_cover_index;
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= count) {
    throw invalidParam(`source_info.photo_cover_index must be an index into photo_images (0 to ${count - 1}).`);
  }
  return value;
}

/**
 * POST /v2/post/publish/content/init/: a photo post, straight to the profile (DIRECT_POST,
 * scope video.publish) or to the inbox (MEDIA_UPLOAD, scope video.upload). Photos are always
 * pulled from verified URLs; their format is judged once downloaded.
 */
export function initPhotoPost(deps: TikTokDeps, req: Request, principal: TikTokPrincipal): Record<string, string> {
  const { account, grant } = principal;
  const body = jsonBody(req);
  if (body.media_type !== 'PHOTO') throw invalidParam('media_type must be PHOTO.');
  const postMode = body.post_mode;
  if (postMode !== 'DIRECT_POST' && postMode !== 'MEDIA_UPLOAD') throw invalidParam('post_mode must be DIRECT_POST or MEDIA_UPLOAD.');
  const mode = postMode === 'DIRECT_POST' ? 'direct' : 'inbox';
  const scope = mode === 'direct' ? 'video.publish' : 'video.upload';
  if (!grant.scopes.includes(scope)) throw scopeNotAuthorized(scope);
  assertCanPost(account, mode);
  const source = objectField(body, 'source_info', true);
  if (source.source !== 'PULL_FROM_URL') throw invalidParam('source_info.source must be PULL_FROM_URL for photo posts.');
  const images = photoImages(source);
  const photoCoverIndex = coverIndex(source, images.length);
  const info = parsePostInfo(body, PHOTO_TEXT_LIMITS);
  const postInfo = storedPostInfo(info, mode === 'direct' ? checkDirectPrivacy(account, info) : undefined);
  const prefixes = tiktokState(deps).verifiedUrlPrefixes;
  const urls = images.map((url, i) => assertPullableUrl(prefixes, `source_info.photo_images[${i}]`, url));
  const publish = createPublish(deps, { openId: account.openId, kind: 'photo', mode, source: 'PULL_FROM_URL', postInfo, urls, photoCoverIndex });
  startPull(deps, publish.id);
  return { publish_id: publish.id };
}
