import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { type MediaFacts } from '@herald/domain';
import { type MediaRecord, MediaRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { API_CONFIG } from '../../infrastructure/tokens';
import { parseBody } from '../posts/dto/parse-body.util';
import { uploadFromUrlSchema } from './dto/upload-from-url.schema';
import { MediaDownloadService } from './media-download.service';
import { readMediaFacts } from './read-media-facts';

export interface UploadedFile {
  /** Where multer (or the URL download) wrote the file. */
  path: string;
  size: number;
  originalname: string;
}

// MP4 is the one video container every network Herald serves accepts, so it is the only one
// Herald stores: refusing a MOV or WebM here beats a failure at publish time.
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
};

/** How a refused file is reported: the field it came in, and the code of a type Herald does not take. */
interface Source {
  field: 'file' | 'url';
  // A multipart upload of the wrong type is 415; Postiz answers a URL of the wrong type with 400.
  unsupported: 'UNSUPPORTED_MEDIA' | 'VALIDATION';
}

const UPLOAD: Source = { field: 'file', unsupported: 'UNSUPPORTED_MEDIA' };
const URL_DOWNLOAD: Source = { field: 'url', unsupported: 'VALIDATION' };

@Injectable()
export class MediaService {
  constructor(
    private readonly media: MediaRepository,
    private readonly downloads: MediaDownloadService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * POST /upload: checks an uploaded file's real type (from its bytes, never its name: the Postiz
   * CLI sends application/octet-stream for most files) and size, then publishes it under MEDIA_PUBLIC_URL.
   */
  async store(organizationId: string, file: UploadedFile | undefined): Promise<MediaRecord> {
    if (!file) throw AppError.validation('file', 'is required (multipart field "file")');
    return this.keep(organizationId, file, UPLOAD);
  }

  /** POST /upload-from-url: downloads the file (never from private addresses but Herald's own), then as POST /upload. */
  async storeFromUrl(organizationId: string, rawBody: unknown): Promise<MediaRecord> {
    const { url } = parseBody(uploadFromUrlSchema, rawBody);
    return this.keep(organizationId, await this.downloads.download(url), URL_DOWNLOAD);
  }

  /** Checks the file on disk, moves it among the served uploads and records it; the temporary file never stays. */
  private async keep(organizationId: string, file: UploadedFile, source: Source): Promise<MediaRecord> {
    try {
      const { facts, extension } = await this.check(file, source);
      const name = `${randomBytes(16).toString('hex')}.${extension}`;
      const dir = path.resolve(this.config.UPLOAD_DIR);
      await mkdir(dir, { recursive: true });
      await rename(file.path, path.join(dir, name));
      return await this.media.create(organizationId, {
        name,
        originalName: file.originalname || null,
        path: `${this.config.MEDIA_PUBLIC_URL}/${name}`,
        mimeType: facts.mimeType,
        kind: facts.kind,
        fileSize: file.size,
        width: facts.width ?? null,
        height: facts.height ?? null,
        durationMs: facts.durationMs ?? null,
      });
    } finally {
      await rm(file.path, { force: true });
    }
  }

  private async check(file: UploadedFile, { field, unsupported }: Source): Promise<{ facts: MediaFacts; extension: string }> {
    const facts = await readMediaFacts(file.path, file.size);
    const extension = facts ? EXTENSIONS[facts.mimeType] : undefined;
    if (!facts || !extension) {
      const found = facts ? ` (this file is ${facts.mimeType})` : '';
      const message = `${field} must be an image (JPEG, PNG, GIF, WEBP, AVIF) or an MP4 video${found}`;
      throw new AppError(unsupported, message, { field });
    }
    const limit = facts.kind === 'video' ? this.config.UPLOAD_MAX_VIDEO_BYTES : this.config.UPLOAD_MAX_IMAGE_BYTES;
    if (file.size > limit) {
      throw new AppError('PAYLOAD_TOO_LARGE', `${field} is ${file.size} bytes; ${facts.kind}s may be at most ${limit} bytes`, { field });
    }
    return { facts, extension };
  }
}
