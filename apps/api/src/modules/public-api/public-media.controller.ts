import { Controller, HttpCode, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { MediaService, type UploadedFile as StoredUpload } from '../media/media.service';

/** Postiz public API v1: uploads (multipart field `file`). */
@Controller('public/v1')
@UseGuards(ApiKeyGuard)
export class PublicMediaController {
  constructor(private readonly media: MediaService) {}

  @Post('upload')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@OrganizationId() organizationId: string, @UploadedFile() file: StoredUpload | undefined) {
    const media = await this.media.store(organizationId, file);
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
