import type { Request } from 'express';
import type { TikTokPrincipal } from '../http/tiktok-auth';
import { jsonBody } from '../http/tiktok-body.util';
import { RawJson } from '../http/tiktok-respond.util';
import { invalidParam, invalidPublishId, publishNotCancellable, tokenNotAuthorizedForPublishId } from '../tiktok.errors';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokPublish } from '../tiktok-state.types';
import { publishStatus, readPublish, statusJson } from './tiktok-publish-status';
import { resumePullIfCut } from './tiktok-pull.jobs';

function ownPublish(deps: TikTokDeps, req: Request, principal: TikTokPrincipal): TikTokPublish {
  const publishId = jsonBody(req).publish_id;
  if (typeof publishId !== 'string' || publishId === '') throw invalidParam('publish_id is required.');
  const publish = tiktokState(deps).publishes[publishId];
  if (!publish) throw invalidPublishId(publishId);
  if (publish.openId !== principal.account.openId) throw tokenNotAuthorizedForPublishId();
  return publish;
}

/** POST /v2/post/publish/status/fetch/: each read moves processing along (see publishStatus). */
export function fetchStatus(deps: TikTokDeps, req: Request, principal: TikTokPrincipal): RawJson {
  const publish = ownPublish(deps, req, principal);
  resumePullIfCut(deps, publish);
  const status = publishStatus(publish);
  readPublish(publish);
  deps.store.changed();
  return new RawJson(statusJson(status));
}

/** POST /v2/post/publish/cancel/: possible while the media is still coming in (download or chunks). */
export function cancelPublish(deps: TikTokDeps, req: Request, principal: TikTokPrincipal): Record<string, never> {
  const publish = ownPublish(deps, req, principal);
  if (publish.verdict || publish.cancelled) throw publishNotCancellable();
  publish.cancelled = true;
  deps.store.changed();
  return {};
}
