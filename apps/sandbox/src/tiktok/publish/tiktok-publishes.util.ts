import type { Request } from 'express';
import { newMp4Scan } from '../../media/mp4-duration.util';
import { makePublishId, makeUploadId, makeUploadToken, type PublishIdPrefix } from '../tiktok-ids.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokPublish, TikTokUpload } from '../tiktok-state.types';
import type { ChunkPlan } from './tiktok-chunk-rules.util';

/** An upload_url stays usable for an hour after init. */
const UPLOAD_URL_LIFETIME_MS = 3_600_000;

export type NewPublish = Omit<TikTokPublish, 'id' | 'pollsLeft' | 'cancelled' | 'createdAt' | 'upload'>;

export function publishIdPrefix(publish: Pick<TikTokPublish, 'kind' | 'mode' | 'source'>): PublishIdPrefix {
  if (publish.kind === 'photo') return publish.mode === 'direct' ? 'p_pub_url' : 'p_inbox_url';
  const from = publish.source === 'FILE_UPLOAD' ? 'file' : 'url';
  return publish.mode === 'direct' ? `v_pub_${from}` : `v_inbox_${from}`;
}

/** Stores a new publish (with its upload task for FILE_UPLOAD) and returns it. */
export function createPublish(deps: TikTokDeps, fields: NewPublish, plan?: ChunkPlan): TikTokPublish {
  const state = tiktokState(deps);
  const now = deps.clock.now();
  let id = makePublishId(publishIdPrefix(fields));
  while (state.publishes[id]) id = makePublishId(publishIdPrefix(fields));
  const publish: TikTokPublish = { ...fields, id, pollsLeft: deps.processingPolls, cancelled: false, createdAt: now.toISOString() };
  if (plan) {
    const upload: TikTokUpload = {
      uploadId: makeUploadId(),
      uploadToken: makeUploadToken(),
      ...plan,
      received: 0,
      head: '',
      scan: newMp4Scan(),
      expiresAt: new Date(now.getTime() + UPLOAD_URL_LIFETIME_MS).toISOString(),
    };
    publish.upload = upload;
    state.uploads[upload.uploadId] = id;
  }
  state.publishes[id] = publish;
  deps.store.changed();
  return publish;
}

/**
 * The upload URL on this sandbox's own host, taken from the request so that it works on any
 * port and through any name the client used to reach the sandbox.
 */
export function uploadUrl(req: Request, upload: TikTokUpload): string {
  const host = req.get('host') ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
  const query = new URLSearchParams({ upload_id: upload.uploadId, upload_token: upload.uploadToken });
  return `${req.protocol}://${host}/open-upload.tiktokapis.com/video/?${query.toString()}`;
}
