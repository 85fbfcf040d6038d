import type { Request } from 'express';
import type { TikTokPrincipal } from '../http/tiktok-auth';
import { jsonBody } from '../http/tiktok-body.util';
import { invalidParam } from '../tiktok.errors';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokPostInfo } from '../tiktok-state.types';
import { assertCanPost } from './tiktok-account-gates.util';
import { checkChunkRules } from './tiktok-chunk-rules.util';
import { checkDirectPrivacy, objectField, parsePostInfo, storedPostInfo, VIDEO_TEXT_LIMITS } from './tiktok-post-info.util';
import { createPublish, uploadUrl } from './tiktok-publishes.util';
import { startPull } from './tiktok-pull.jobs';
import { assertPullableUrl } from './tiktok-url-ownership.util';

const NO_POST_INFO: TikTokPostInfo = {
  disableComment: false,
  disableDuet: false,
  disableStitch: false,
  brandContentToggle: false,
  brandOrganicToggle: false,
  isAigc: false,
};

/**
 * POST /v2/post/publish/video/init/ (direct) and /v2/post/publish/inbox/video/init/ (a draft
 * for the creator's inbox, whose body is only source_info). Checks run in this order: account
 * states (403), source_info and the chunk rules (400), post_info (400, 403 privacy), then the
 * ownership of a video_url (403). FILE_UPLOAD answers an upload_url on this sandbox's host.
 */
export function initVideo(deps: TikTokDeps, req: Request, principal: TikTokPrincipal, mode: 'direct' | 'inbox'): Record<string, string> {
  const { account } = principal;
  const body = jsonBody(req);
  assertCanPost(account, mode);
  const source = objectField(body, 'source_info', true);
  const kind = source.source;
  if (kind !== 'FILE_UPLOAD' && kind !== 'PULL_FROM_URL') throw invalidParam('source_info.source must be FILE_UPLOAD or PULL_FROM_URL.');
  const plan = kind === 'FILE_UPLOAD' ? checkChunkRules(source) : undefined;
  let postInfo = NO_POST_INFO;
  if (mode === 'direct') {
    const info = parsePostInfo(body, VIDEO_TEXT_LIMITS);
    postInfo = storedPostInfo(info, checkDirectPrivacy(account, info));
  }
  const urls = kind === 'PULL_FROM_URL' ? [assertPullableUrl(tiktokState(deps).verifiedUrlPrefixes, 'source_info.video_url', source.video_url)] : [];
  const publish = createPublish(deps, { openId: account.openId, kind: 'video', mode, source: kind, postInfo, urls }, plan);
  if (publish.upload) return { publish_id: publish.id, upload_url: uploadUrl(req, publish.upload) };
  startPull(deps, publish.id);
  return { publish_id: publish.id };
}
