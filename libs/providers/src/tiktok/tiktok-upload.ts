import type { PublishFailure } from '@herald/domain';
import { MediaChunkReader } from '../media/media-chunk-reader';
import type { MediaFetcher } from '../media/media-fetcher';
import { ProviderError } from '../provider-error';
import { describeTransportFailure } from '../transport-failure.util';
import type { ChunkPlan, ChunkRange } from './tiktok-chunk-plan';
import type { TikTokClient } from './tiktok-client';

export interface UploadDeps {
  client: TikTokClient;
  fetcher: MediaFetcher;
  requestTimeoutMs: number;
  /** Wait before sending a failed chunk again (times the attempt number). */
  retryDelayMs: number;
}

export interface UploadJob {
  uploadUrl: string;
  publishId: string;
  mediaUrl: string;
  plan: ChunkPlan;
}

/** Attempts per chunk when TikTok fails (5xx) or the connection breaks before the last chunk. */
const CHUNK_ATTEMPTS = 3;
/** 416 answers followed before giving up on the upload. */
const MAX_RESUMES = 3;
/** Upload deadlines assume at least this throughput on top of the request timeout. */
const MIN_UPLOAD_BYTES_PER_SECOND = 1_048_576;

type ChunkAnswer = { kind: 'next' } | { kind: 'complete' } | { kind: 'resume'; nextByte: number } | { kind: 'retry'; failure: PublishFailure };

/**
 * Streams the video from its URL to TikTok's upload URL, chunk after chunk (spec 4.5). TikTok
 * publishes nothing until it has every byte, so every failure before the last chunk is
 * 'not-applied'; only a lost answer to the last chunk leaves the outcome unknown. Failures
 * carry the publish_id as commitProgress.
 */
export async function uploadVideoChunks(deps: UploadDeps, job: UploadJob): Promise<void> {
  const reader = new MediaChunkReader(deps.fetcher, job.mediaUrl);
  const { chunks } = job.plan;
  try {
    let index = 0;
    let resumes = 0;
    while (index < chunks.length) {
      const isLast = index === chunks.length - 1;
      const answer = await putWithRetries(deps, job, reader, chunks[index]!, isLast);
      if (answer.kind === 'complete') return;
      if (answer.kind === 'next') {
        if (isLast) throw failed(job, sessionRestart('TikTok did not take the last part of the video as the end of the upload.'));
        index += 1;
        continue;
      }
      // 416: TikTok holds a different number of bytes than Herald thought; continue from there.
      resumes += 1;
      if (answer.nextByte >= job.plan.videoSize) return;
      const resumeAt = chunks.findIndex((chunk) => chunk.start === answer.nextByte);
      if (resumes > MAX_RESUMES || resumeAt < 0) {
        throw failed(job, sessionRestart('TikTok lost track of the upload\'s progress.'));
      }
      index = resumeAt;
    }
  } finally {
    reader.close();
  }
}

async function putWithRetries(
  deps: UploadDeps,
  job: UploadJob,
  reader: MediaChunkReader,
  chunk: ChunkRange,
  isLast: boolean,
): Promise<Exclude<ChunkAnswer, { kind: 'retry' }>> {
  for (let attempt = 1; ; attempt++) {
    const answer = await putOnce(deps, job, reader, chunk, isLast);
    if (answer.kind !== 'retry') return answer;
    if (attempt >= CHUNK_ATTEMPTS) throw failed(job, answer.failure);
    await new Promise((resolve) => setTimeout(resolve, deps.retryDelayMs * attempt));
  }
}

async function putOnce(
  deps: UploadDeps,
  job: UploadJob,
  reader: MediaChunkReader,
  chunk: ChunkRange,
  isLast: boolean,
): Promise<ChunkAnswer> {
  const length = chunk.end - chunk.start + 1;
  let body;
  try {
    body = await reader.open(chunk.start, length);
  } catch (error) {
    return mediaFailure(job, error);
  }
  let answer;
  try {
    answer = await deps.client.putChunk(
      job.uploadUrl,
      body.stream,
      {
        'Content-Type': 'video/mp4',
        'Content-Length': String(length),
        'Content-Range': `bytes ${chunk.start}-${chunk.end}/${job.plan.videoSize}`,
      },
      deps.requestTimeoutMs + Math.ceil((length / MIN_UPLOAD_BYTES_PER_SECOND) * 1000),
    );
  } catch (error) {
    if (body.sourceError() !== undefined) return mediaFailure(job, body.sourceError());
    const transport = describeTransportFailure(error);
    const network = { code: transport?.reason ?? 'UNKNOWN' };
    // The last bytes may have arrived: TikTok may be publishing. Only the status fetch can tell.
    if (isLast && transport?.maybeSent !== false) throw failed(job, { ...lastPartUnknown(), network });
    return { kind: 'retry', failure: { ...uploadInterrupted(), network } };
  }

  // TikTok may answer before taking the whole chunk (a refusal): stop reading the media for it.
  if (!body.stream.readableEnded) body.stream.destroy();
  const network = { status: answer.status };
  switch (answer.status) {
    case 201:
      return { kind: 'complete' };
    case 206:
      return { kind: 'next' };
    case 416: {
      const nextByte = receivedUpTo(answer.headers['content-range']);
      if (nextByte === undefined) throw failed(job, { ...sessionRestart('TikTok refused the upload\'s byte range.'), network });
      return { kind: 'resume', nextByte };
    }
    case 403:
    case 404:
      throw failed(job, { ...sessionRestart('TikTok\'s upload session expired before the video was complete.'), network });
    default:
      if (answer.status >= 500) {
        // The same chunk again cannot publish twice (one publish_id); a last chunk that keeps
        // failing may still have completed the upload, so it ends as unknown.
        return { kind: 'retry', failure: { ...(isLast ? lastPartUnknown() : uploadInterrupted()), network } };
      }
      throw failed(job, {
        code: 'INTERNAL',
        message: `TikTok refused part of the video upload (HTTP ${answer.status}); nothing was published.`,
        retryable: false,
        outcome: 'not-applied',
        network,
      });
  }
}

/** `Content-Range: bytes 0-{last received}/{total}` → the first byte TikTok still needs. */
function receivedUpTo(header: unknown): number | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /bytes\s+(\d+)-(\d+)\/(\d+|\*)/.exec(header);
  if (match) return Number(match[2]) + 1;
  return /bytes\s+\*\/\d+/.test(header) ? 0 : undefined;
}

function mediaFailure(job: UploadJob, error: unknown): ChunkAnswer {
  // TikTok lacks bytes, so nothing can be published: whatever the media source did is 'not-applied'.
  const failure: PublishFailure =
    error instanceof ProviderError
      ? { ...error.failure, outcome: 'not-applied' }
      : { code: 'MEDIA_UNREACHABLE', message: `Herald could not read the video from ${job.mediaUrl}.`, retryable: true, outcome: 'not-applied' };
  if (failure.retryable) return { kind: 'retry', failure };
  throw failed(job, failure);
}

function failed(job: UploadJob, failure: PublishFailure): ProviderError {
  return new ProviderError({
    ...failure,
    commitProgress: { publishId: job.publishId, transfer: 'FILE_UPLOAD', videoSize: job.plan.videoSize },
  });
}

function uploadInterrupted(): PublishFailure {
  return {
    code: 'NETWORK_UNAVAILABLE',
    message: 'The video upload to TikTok kept failing; nothing was published and Herald will try again.',
    retryable: true,
    outcome: 'not-applied',
  };
}

function sessionRestart(reason: string): PublishFailure {
  return {
    code: 'NETWORK_UNAVAILABLE',
    message: `${reason} Nothing was published; Herald will start the upload again.`,
    retryable: true,
    outcome: 'not-applied',
    prepareAgain: true,
  };
}

function lastPartUnknown(): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: 'The connection to TikTok failed as the last part of the video was sent, so TikTok may publish it; ' +
      'Herald will check before doing anything else.',
    retryable: false,
    outcome: 'unknown',
  };
}
