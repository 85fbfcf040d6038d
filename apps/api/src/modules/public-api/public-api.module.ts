import path from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { ApiConfig } from '@herald/config';
import { API_CONFIG } from '../../infrastructure/tokens';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { IntegrationsModule } from '../integrations/integrations.module';
import { MediaModule } from '../media/media.module';
import { PostBuildContextService } from '../posts/post-build-context.service';
import { PostChangesService } from '../posts/post-changes.service';
import { PostGroupsService } from '../posts/post-groups.service';
import { PostReleaseService } from '../posts/post-release.service';
import { PostsService } from '../posts/posts.service';
import { SaveGroupService } from '../posts/save-group.service';
import { PostCreationLimitGuard } from '../rate-limit/post-creation-limit.guard';
import { PublishScheduler } from '../posts/publish-scheduler.service';
import { TikTokCreatorInfoService } from '../channels/tiktok-creator-info.service';
import { PublicIntegrationsController } from './public-integrations.controller';
import { PublicMediaController } from './public-media.controller';
import { PublicPostsController } from './public-posts.controller';
import { PublicWebhooksController } from '../webhooks/public-webhooks.controller';
import { webhookRepositoryProvider } from '../webhooks/webhook-repository.provider';
import { WebhooksService } from '../webhooks/webhooks.service';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [API_CONFIG],
      // Uploads stream to disk (videos may be 1 GB); MediaService checks and moves them.
      useFactory: (c: ApiConfig) => ({
        dest: path.resolve(c.UPLOAD_DIR, '.incoming'),
        limits: { fileSize: Math.max(c.UPLOAD_MAX_VIDEO_BYTES, c.UPLOAD_MAX_IMAGE_BYTES), files: 1 },
      }),
    }),
    IntegrationsModule,
    MediaModule,
  ],
  controllers: [PublicPostsController, PublicIntegrationsController, PublicMediaController, PublicWebhooksController],
  providers: [
    ApiKeyGuard,
    PostCreationLimitGuard,
    PostsService,
    PostBuildContextService,
    PostChangesService,
    PostGroupsService,
    PostReleaseService,
    SaveGroupService,
    PublishScheduler,
    TikTokCreatorInfoService,
    WebhooksService,
    webhookRepositoryProvider,
  ],
})
export class PublicApiModule {}
