import { Body, Controller, HttpCode, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { MediaRecord } from '@herald/db';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { MediaService, type UploadedFile as StoredUpload } from '../media/media.service';

/** Postiz public API v1: uploads (multipart field `file`, or a URL Herald downloads). */
@Controller('public/v1')
@UseGuards(ApiKeyGuard)
export class PublicMediaController {
  constructor(private readonly media: MediaService) {}

  @Post('upload')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@OrganizationId() organizationId: string, @UploadedFile() file: StoredUpload | undefined) {
    return this.view(await this.media.store(organizationId, file));
  }

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
