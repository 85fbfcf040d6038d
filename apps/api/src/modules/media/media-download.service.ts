import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { probeMedia } from '@herald/domain';
import { type MediaFetcher, ProviderError } from '@herald/providers';
import { AppError } from '../../common/app-error';
import { API_CONFIG } from '../../infrastructure/tokens';
import type { UploadedFile } from './media.service';

/** libs/providers' media fetcher: it refuses private addresses except the configured origins. */
export const MEDIA_FETCHER = Symbol('MEDIA_FETCHER');

// Enough for every signature probeMedia knows (ftyp brands sit at bytes 8-11).
const SNIFF_BYTES = 4096;

export interface DownloadLimits {
  imageBytes: number;
  videoBytes: number;
}

/** Downloads a URL a user gave into the uploads' incoming folder, as multer does for POST /upload. */
@Injectable()
export class MediaDownloadService {
  constructor(
    @Inject(MEDIA_FETCHER) private readonly fetcher: MediaFetcher,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * The file at `url`, on disk. Answers 400 naming `url` when Herald may not or cannot fetch it,
   * or when its first bytes are not an image or a video; 413 as soon as it passes the limit of
   * its kind (the caller still checks the whole file: these are early exits, not the check).
   */
  async download(url: string): Promise<UploadedFile> {
    const dir = path.resolve(this.config.UPLOAD_DIR, '.incoming');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `url-${randomBytes(12).toString('hex')}`);
    const limits = { imageBytes: this.config.UPLOAD_MAX_IMAGE_BYTES, videoBytes: this.config.UPLOAD_MAX_VIDEO_BYTES };
    try {
      const body = await this.fetcher.stream(url);
      const limiter = new MediaLimiter(limits);
      await pipeline(body, limiter, createWriteStream(file));
      return { path: file, size: limiter.bytes, originalname: fileNameOf(url) };
    } catch (error) {
      await rm(file, { force: true });
      throw error instanceof ProviderError ? AppError.validation('url', `cannot be downloaded: ${error.message}`) : error;
    }
  }
}

/**
 * Passes bytes through, stopping early what the upload checks would refuse anyway: a file whose
 * first bytes are no image or video Herald knows, or one past the size limit of its kind.
 */
class MediaLimiter extends Transform {
  bytes = 0;
  private head: Buffer[] = [];
  private kind: 'image' | 'video' | undefined;
  private limit: number;

  constructor(private readonly limits: DownloadLimits) {
    super();
    this.limit = Math.max(limits.imageBytes, limits.videoBytes);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return callback(this.tooLarge());
    if (this.kind === undefined) {
      this.head.push(chunk);
      const refused = this.bytes >= SNIFF_BYTES ? this.sniff() : null;
      if (refused) return callback(refused);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.kind === undefined ? this.sniff() : null);
  }

  /** Learns the kind from the first bytes, and with it the limit; an error if it is no media. */
  private sniff(): AppError | null {
    const facts = probeMedia(Buffer.concat(this.head));
    this.head = [];
    if (!facts) return AppError.validation('url', 'must point to an image (JPEG, PNG, GIF, WEBP, AVIF) or an MP4 video');
    this.kind = facts.kind;
    this.limit = facts.kind === 'video' ? this.limits.videoBytes : this.limits.imageBytes;
    return this.bytes > this.limit ? this.tooLarge() : null;
  }

  private tooLarge(): AppError {
    const what = this.kind ? `${this.kind}s` : 'files';
    return new AppError('PAYLOAD_TOO_LARGE', `url points to a file larger than the ${this.limit} bytes Herald accepts for ${what}`, {
      field: 'url',
    });
  }
}

/** 'https://cdn.example.com/a/photo%201.jpg?x=1' → 'photo 1.jpg' (the Media's originalName). */
function fileNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(last).slice(0, 255);
  } catch {
    return '';
  }
}
