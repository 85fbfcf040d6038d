import type { Request, Response } from 'express';
import { scanMp4Chunk } from '../../media/mp4-duration.util';
import { sniffFormat } from '../../media/media-sniff.util';
import { TikTokError } from '../http/tiktok-error';
import { sendTikTok } from '../http/tiktok-respond.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokMedia, TikTokPublish, TikTokUpload } from '../tiktok-state.types';
import { videoFailReason } from './tiktok-media-checks.util';
import { settlePublish } from './tiktok-publish-outcome';

const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime', 'video/webm']);
const HEAD_BYTES = 64;

// The upload host's error codes are the sandbox's own; clients act on the HTTP status (spec 4.5).
const badRequest = (message: string) => new TikTokError(400, 'invalid_param', message);

/** The progress as a Content-Range value: the bytes held so far, or none yet. */
function progressRange(upload: TikTokUpload): string {
  return upload.received > 0 ? `bytes 0-${upload.received - 1}/${upload.videoSize}` : `bytes */${upload.videoSize}`;
}

function findUpload(deps: TikTokDeps, req: Request): { publish: TikTokPublish; upload: TikTokUpload } {
  const query = req.query as Record<string, unknown>;
  const uploadId = typeof query.upload_id === 'string' ? query.upload_id : '';
  const state = tiktokState(deps);
  const publish = state.publishes[state.uploads[uploadId] ?? ''];
  const upload = publish?.upload;
  if (!publish || !upload || upload.uploadToken !== query.upload_token || publish.cancelled) {
    throw new TikTokError(404, 'upload_not_found', 'No upload task matches this upload_id and upload_token.');
  }
  return { publish, upload };
}

function parseRange(header: string | undefined): { first: number; last: number; total: number } {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!match) throw badRequest('Content-Range must read bytes {first}-{last}/{total}.');
  const [first, last, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (last < first) throw badRequest('Content-Range ends before it starts.');
  return { first, last, total };
}

/** The checks TikTok runs once the last byte is in, on what the upload kept: its head and its MP4 walk. */
function judgeUpload(deps: TikTokDeps, publish: TikTokPublish, upload: TikTokUpload): void {
  const account = tiktokState(deps).accounts[publish.openId];
  if (!account) return;
  const media: TikTokMedia = {
    bytes: upload.videoSize,
    contentType: upload.contentType ?? null,
    format: sniffFormat(Buffer.from(upload.head, 'base64')),
  };
  if (upload.scan.durationMs !== undefined) media.durationMs = upload.scan.durationMs;
  const failReason = videoFailReason(account, media);
  settlePublish(deps, publish, failReason ? { ok: false, failReason, media: [media] } : { ok: true, media: [media] });
}

/**
 * PUT {upload_url}: one chunk, strictly in order. 206 with the range held so far while chunks
 * are missing, 201 on the last one (processing starts), 416 for a range that does not continue
 * the upload, 400 for bad headers or a length that does not match, 403 once the URL expired.
 */
export function receiveChunk(deps: TikTokDeps, req: Request, res: Response): void {
  const { publish, upload } = findUpload(deps, req);
  const now = deps.clock.now();
  const complete = upload.received >= upload.videoSize;
  if (!complete && Date.parse(upload.expiresAt) <= now.getTime()) throw new TikTokError(403, 'upload_url_expired', 'The upload_url has expired; initialize the post again.');
  const contentType = req.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!VIDEO_TYPES.has(contentType)) throw badRequest('Content-Type must be video/mp4, video/quicktime or video/webm.');
  const { first, last, total } = parseRange(req.get('content-range'));
  if (total !== upload.videoSize) throw badRequest(`Content-Range total ${total} differs from the video_size ${upload.videoSize} given at init.`);
  if (complete || first !== upload.received) {
    throw new TikTokError(416, 'range_not_satisfiable', `Expected the chunk starting at byte ${upload.received}.`, { 'Content-Range': progressRange(upload) });
  }
  const isLast = Math.floor(first / upload.chunkSize) === upload.totalChunks - 1;
  const expectedLast = isLast ? upload.videoSize - 1 : first + upload.chunkSize - 1;
  if (last !== expectedLast) throw badRequest(`This chunk must cover bytes ${first}-${expectedLast} (chunk_size ${upload.chunkSize}, the last chunk takes the remainder).`);
  const body: unknown = req.body;
  const length = Buffer.isBuffer(body) ? body.length : 0;
  if (length !== last - first + 1) throw badRequest(`The body has ${length} bytes; Content-Range announces ${last - first + 1}.`);
  const chunk = body as Buffer;
  if (first === 0) {
    upload.head = chunk.subarray(0, HEAD_BYTES).toString('base64');
    upload.contentType = contentType;
  }
  scanMp4Chunk(upload.scan, chunk, first);
  upload.received = last + 1;
  deps.store.changed();
  const headers = { 'Content-Range': `bytes 0-${last}/${upload.videoSize}` };
  if (!isLast) {
    sendTikTok(res, deps.clock, 206, {}, undefined, headers);
    return;
  }
  judgeUpload(deps, publish, upload);
  sendTikTok(res, deps.clock, 201, {}, undefined, headers);
}
