import { Body, Controller, HttpCode, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { MediaRecord } from '@herald/db';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ApiDoc } from '../docs/api-doc.decorator';
import { ERRORS, errorBodySchema } from '../docs/common-schemas';
import { mediaResponseSchema } from '../media/dto/media-response.schema';
import { uploadFromUrlSchema } from '../media/dto/upload-from-url.schema';
import { OrganizationId } from '../auth/organization-id.decorator';
import { MediaService, type UploadedFile as StoredUpload } from '../media/media.service';

/** Postiz public API v1: uploads (multipart field `file`, or a URL Herald downloads). */
@Controller('public/v1')
@UseGuards(ApiKeyGuard)
export class PublicMediaController {
  constructor(private readonly media: MediaService) {}

  @ApiDoc({
    summary: 'Upload an image or an MP4 video',
    description: 'The type is read from the bytes: JPEG, PNG, GIF, WEBP, AVIF up to 10 MB; MP4 up to 1 GB.',
    origin: 'Postiz',
    multipart: { file: 'the file' },
    responses: {
      201: { description: 'The stored file', schema: mediaResponseSchema },
      400: ERRORS[400],
      401: ERRORS[401],
      413: { description: 'Too large', schema: errorBodySchema },
      415: { description: 'Not an image or MP4 video', schema: errorBodySchema },
    },
  })
  @Post('upload')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@OrganizationId() organizationId: string, @UploadedFile() file: StoredUpload | undefined) {
    return this.view(await this.media.store(organizationId, file));
  }

  @ApiDoc({
    summary: 'Store the image or MP4 video at a URL',
    description: 'Downloaded only from public addresses (and the configured allowed origins), with the upload rules.',
    origin: 'Postiz',
    body: uploadFromUrlSchema,
    responses: { 201: { description: 'The stored file', schema: mediaResponseSchema }, 400: ERRORS[400], 401: ERRORS[401], 413: { description: 'Too large', schema: errorBodySchema } },
  })
  /** { url } → the same Media answer as POST /upload. */
  @Post('upload-from-url')
  @HttpCode(201)
  async uploadFromUrl(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.view(await this.media.storeFromUrl(organizationId, body));
  }

  private view(media: MediaRecord) {
    return {
      id: media.id,
      name: media.name,
      originalName: media.originalName,
      path: media.path,
      thumbnail: null,
      alt: null,
      mimeType: media.mimeType,
      kind: media.kind,
      fileSize: media.fileSize,
      width: media.width,
      height: media.height,
      durationMs: media.durationMs,
    };
  }
}
