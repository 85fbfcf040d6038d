import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { type MediaRecord, MediaRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { API_CONFIG } from '../../infrastructure/tokens';
import { sniffMediaType } from './sniff-media-type';

export interface UploadedFile {
  /** Where multer wrote the upload. */
  path: string;
  size: number;
  originalname: string;
}

@Injectable()
export class MediaService {
  constructor(
    private readonly media: MediaRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Directory multer writes incoming files to, before they are checked. */
  incomingDir(): string {
    return path.resolve(this.config.UPLOAD_DIR, '.incoming');
  }

  /** Checks an uploaded file's real type and size, then publishes it under MEDIA_PUBLIC_URL. */
  async store(organizationId: string, file: UploadedFile | undefined): Promise<MediaRecord> {
    if (!file) throw AppError.validation('file', 'is required (multipart field "file")');
    try {
      const type = sniffMediaType(await readHead(file.path));
      if (!type) {
        throw new AppError('UNSUPPORTED_MEDIA', 'file is not a supported image (JPEG, PNG, GIF, WEBP, AVIF) or an MP4 video', {
          field: 'file',
        });
      }
      const limit = type.kind === 'video' ? this.config.UPLOAD_MAX_VIDEO_BYTES : this.config.UPLOAD_MAX_IMAGE_BYTES;
      if (file.size > limit) {
        throw new AppError('PAYLOAD_TOO_LARGE', `file is ${file.size} bytes; ${type.kind}s may be at most ${limit} bytes`, {
          field: 'file',
        });
      }
      const name = `${randomBytes(16).toString('hex')}.${type.extension}`;
      const dir = path.resolve(this.config.UPLOAD_DIR);
      await mkdir(dir, { recursive: true });
      await rename(file.path, path.join(dir, name));
      return await this.media.create(organizationId, {
        name,
        originalName: file.originalname || null,
        path: `${this.config.MEDIA_PUBLIC_URL}/${name}`,
        mimeType: type.mimeType,
        kind: type.kind,
        fileSize: file.size,
      });
    } finally {
      await rm(file.path, { force: true });
    }
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(32);
    const { bytesRead } = await handle.read(buffer, 0, 32, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
