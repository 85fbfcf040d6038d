import express, { type Request, type Router } from 'express';
import { createNetworkPipeline, type NetworkPipelineDeps } from '../../http/network-pipeline';
import { MAX_LAST_CHUNK_BYTES } from '../publish/tiktok-chunk-rules.util';
import { receiveChunk } from '../publish/tiktok-upload.handler';
import { notFound } from '../tiktok.errors';
import type { TikTokDeps } from '../tiktok-deps.types';
import { tiktokErrorHandler, tiktokFaultAnswer } from './tiktok-respond.util';

/** open-upload.tiktokapis.com: the upload_url that init hands out takes the chunks. */
export function createTikTokUploadRouter(deps: TikTokDeps, pipeline: NetworkPipelineDeps): Router {
  const router = express.Router();
  router.use(createNetworkPipeline(pipeline, { host: 'open-upload.tiktokapis.com', faultAnswer: tiktokFaultAnswer(deps.clock) }));
  // Read after the shared pipeline, so that the request log never holds chunk bytes.
  const rawBody = express.raw({ type: () => true, limit: MAX_LAST_CHUNK_BYTES });
  router.put('/video', rawBody, (req, res) => receiveChunk(deps, req, res));
  router.use((req: Request) => {
    throw notFound(req.method, req.path);
  });
  router.use(tiktokErrorHandler(deps.clock, deps.logger));
  return router;
}
