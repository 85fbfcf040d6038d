// Test-only helpers for the TikTok emulator: accounts, calls in TikTok's envelope, chunked
// uploads and a synthetic MP4 large enough for several chunks.
import type { TikTokAccountView } from '../tiktok/accounts/tiktok-account.view';
import { fixture, type Harness } from './sandbox.harness';

export const MIB = 1024 * 1024;

export interface TikTokEnvelope<T> {
  data: T;
  error: { code: string; message: string; log_id: string };
}

export interface TikTokAnswer<T> {
  status: number;
  body: TikTokEnvelope<T>;
  /** The raw body, for the int64 ids JSON.parse would round. */
  text: string;
  headers: Headers;
}

export interface TikTokRequest {
  token?: string;
  json?: unknown;
  query?: Record<string, string>;
  form?: Record<string, string>;
}

export async function tiktokAccount(h: Harness, extra: Record<string, unknown> = {}): Promise<TikTokAccountView> {
  const created = await h.admin<TikTokAccountView>('POST', '/accounts', { network: 'tiktok', ...extra });
  if (created.status !== 201) throw new Error(`account creation failed: ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function patchTikTok(h: Harness, id: string, patch: Record<string, unknown>): Promise<TikTokAccountView> {
  const patched = await h.admin<TikTokAccountView>('PATCH', `/accounts/${id}`, patch);
  if (patched.status !== 200) throw new Error(`patch failed: ${JSON.stringify(patched.body)}`);
  return patched.body;
}

/** A call to open.tiktokapis.com (path without the host, e.g. /v2/post/publish/status/fetch/). */
export async function tiktok<T = Record<string, unknown>>(h: Harness, method: string, path: string, request: TikTokRequest = {}): Promise<TikTokAnswer<T>> {
  const url = new URL(`${h.sandbox.url}/open.tiktokapis.com${path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | URLSearchParams | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json; charset=UTF-8';
    body = JSON.stringify(request.json);
  } else if (request.form !== undefined) {
    body = new URLSearchParams(request.form);
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as TikTokEnvelope<T>, text, headers: response.headers };
}

export const post = <T = Record<string, unknown>>(h: Harness, path: string, token: string, json: unknown = {}) => tiktok<T>(h, 'POST', path, { token, json });

export interface InitData {
  publish_id: string;
  upload_url?: string;
}

export interface StatusData {
  status: string;
  fail_reason: string;
  publicaly_available_post_id: number[];
  uploaded_bytes: number;
  downloaded_bytes: number;
}

export const fileSource = (videoSize: number, chunkSize = videoSize, totalChunks = 1) => ({
  source: 'FILE_UPLOAD',
  video_size: videoSize,
  chunk_size: chunkSize,
  total_chunk_count: totalChunks,
});

/** PUTs bytes [first, first + bytes.length) of a file of `total` bytes to an upload_url. */
export async function putChunk(url: string, bytes: Buffer, first: number, total: number, contentType = 'video/mp4') {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': contentType, 'content-range': `bytes ${first}-${first + bytes.length - 1}/${total}` },
    body: bytes,
  });
  const text = await response.text();
  return { status: response.status, range: response.headers.get('content-range'), body: (text ? JSON.parse(text) : {}) as TikTokEnvelope<unknown> };
}

/** Reads the status until it leaves PROCESSING_*; returns every status seen, and the last answer. */
export async function pollStatus(h: Harness, token: string, publishId: string, maxReads = 20) {
  const seen: string[] = [];
  for (let i = 0; i < maxReads; i++) {
    const answer = await post<StatusData>(h, '/v2/post/publish/status/fetch/', token, { publish_id: publishId });
    seen.push(answer.body.data.status);
    if (!answer.body.data.status?.startsWith('PROCESSING_')) return { seen, last: answer };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`still processing after ${maxReads} reads: ${seen.join(', ')}`);
}

function box(type: string, size: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, Buffer.alloc(size - 8)]);
}

/**
 * The fixture clip (1.2 s) stretched to `total` bytes with free boxes, its moov box moved so
 * that it straddles `moovAt`: the sandbox must walk the boxes across chunk boundaries.
 */
export function largeClip(total: number, moovAt: number): Buffer {
  const clip = fixture('clip.mp4');
  const ftypEnd = clip.readUInt32BE(0);
  const moovEnd = ftypEnd + clip.readUInt32BE(ftypEnd);
  const head = Buffer.concat([clip.subarray(0, ftypEnd), box('free', moovAt - ftypEnd)]);
  const body = Buffer.concat([head, clip.subarray(ftypEnd, moovEnd), clip.subarray(moovEnd)]);
  return Buffer.concat([body, box('free', total - body.length)]);
}
