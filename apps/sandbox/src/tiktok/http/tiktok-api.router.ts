import express, { type Request, type Response, type Router } from 'express';
import { createNetworkPipeline, type NetworkPipelineDeps } from '../../http/network-pipeline';
import { sendJson } from '../../http/respond.util';
import { listVideos } from '../display/tiktok-video-list.handler';
import { userInfo } from '../display/tiktok-user-info.handler';
import { exchangeToken } from '../oauth/tiktok-oauth.handlers';
import { queryCreatorInfo } from '../publish/tiktok-creator-info.handler';
import { initPhotoPost } from '../publish/tiktok-photo-init.handler';
import { cancelPublish, fetchStatus } from '../publish/tiktok-status.handlers';
import { initVideo } from '../publish/tiktok-video-init.handlers';
import { notFound } from '../tiktok.errors';
import type { TikTokDeps } from '../tiktok-deps.types';
import { authorizeCall, type CallRules, type TikTokPrincipal } from './tiktok-auth';
import { formBody } from './tiktok-body.util';
import { sendTikTok, tiktokErrorHandler, tiktokFaultAnswer } from './tiktok-respond.util';

const PUBLISH_SCOPES = ['video.publish', 'video.upload'] as const;

// Per-token per-minute limits of the Content Posting API (spec 4.3-4.7); each endpoint counts on its own.
const RULES = {
  creatorInfo: { anyScope: ['video.publish'], rate: { bucket: 'creator_info', limit: 20 } },
  videoInit: { anyScope: ['video.publish'], rate: { bucket: 'video_init', limit: 6 } },
  inboxInit: { anyScope: ['video.upload'], rate: { bucket: 'inbox_video_init', limit: 6 } },
  contentInit: { anyScope: PUBLISH_SCOPES, rate: { bucket: 'content_init', limit: 6 } },
  status: { anyScope: PUBLISH_SCOPES, rate: { bucket: 'status_fetch', limit: 30 } },
  cancel: { anyScope: PUBLISH_SCOPES },
  userInfo: { anyScope: ['user.info.basic'] },
  videoList: { anyScope: ['video.list'] },
} satisfies Record<string, CallRules>;

/** open.tiktokapis.com: OAuth tokens, the display endpoints and the Content Posting API. */
export function createTikTokApiRouter(deps: TikTokDeps, pipeline: NetworkPipelineDeps): Router {
  const router = express.Router();
  router.use(createNetworkPipeline(pipeline, { host: 'open.tiktokapis.com', faultAnswer: tiktokFaultAnswer(deps.clock) }));
  const call =
    (rules: CallRules, handle: (req: Request, principal: TikTokPrincipal) => unknown) =>
    (req: Request, res: Response): void => {
      const data = handle(req, authorizeCall(deps, req, rules));
      sendTikTok(res, deps.clock, 200, data);
    };

  // Its own flat shape, no envelope (spec 4.2).
  router.post('/v2/oauth/token', (req, res) => sendJson(res, 200, exchangeToken(deps, formBody(req))));
  router.get('/v2/user/info', call(RULES.userInfo, (req, p) => userInfo(deps, req, p)));
  router.post('/v2/post/publish/creator_info/query', call(RULES.creatorInfo, (_req, p) => queryCreatorInfo(p)));
  router.post('/v2/post/publish/video/init', call(RULES.videoInit, (req, p) => initVideo(deps, req, p, 'direct')));
  router.post('/v2/post/publish/inbox/video/init', call(RULES.inboxInit, (req, p) => initVideo(deps, req, p, 'inbox')));
  router.post('/v2/post/publish/content/init', call(RULES.contentInit, (req, p) => initPhotoPost(deps, req, p)));
  router.post('/v2/post/publish/status/fetch', call(RULES.status, (req, p) => fetchStatus(deps, req, p)));
  router.post('/v2/post/publish/cancel', call(RULES.cancel, (req, p) => cancelPublish(deps, req, p)));
  router.post('/v2/video/list', call(RULES.videoList, (req, p) => listVideos(deps, req, p)));
  router.use((req: Request) => {
    throw notFound(req.method, req.path);
  });
  router.use(tiktokErrorHandler(deps.clock, deps.logger));
  return router;
}
