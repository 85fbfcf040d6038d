import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { type MediaRecord, MediaRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { API_CONFIG } from '../../infrastructure/tokens';
import { readMediaFacts } from './read-media-facts';

export interface UploadedFile {
  /** Where multer wrote the upload. */
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

@Injectable()
export class MediaService {
  constructor(
    private readonly media: MediaRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * Checks an uploaded file's real type (from its bytes, never its name: the Postiz CLI sends
   * application/octet-stream for most files) and size, then publishes it under MEDIA_PUBLIC_URL.
   */
  async store(organizationId: string, file: UploadedFile | undefined): Promise<MediaRecord> {
    if (!file) throw AppError.validation('file', 'is required (multipart field "file")');
    try {
      const facts = await readMediaFacts(file.path, file.size);
      const extension = facts ? EXTENSIONS[facts.mimeType] : undefined;
      if (!facts || !extension) {
        const found = facts ? ` (this file is ${facts.mimeType})` : '';
        throw new AppError('UNSUPPORTED_MEDIA', `file must be an image (JPEG, PNG, GIF, WEBP, AVIF) or an MP4 video${found}`, {
          field: 'file',
        });
      }
      const limit = facts.kind === 'video' ? this.config.UPLOAD_MAX_VIDEO_BYTES : this.config.UPLOAD_MAX_IMAGE_BYTES;
      if (file.size > limit) {
        throw new AppError('PAYLOAD_TOO_LARGE', `file is ${file.size} bytes; ${facts.kind}s may be at most ${limit} bytes`, {
          field: 'file',
        });
      }
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
}
