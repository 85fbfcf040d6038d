import { Module } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { createMediaFetcher } from '@herald/providers';
import { API_CONFIG } from '../../infrastructure/tokens';
import { MEDIA_FETCHER, MediaDownloadService } from './media-download.service';
import { MediaService } from './media.service';

@Module({
  providers: [
    MediaService,
    MediaDownloadService,
    {
      provide: MEDIA_FETCHER,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) =>
        createMediaFetcher({
          // Herald's own media URL counts as allowed (DECISIONS.md), besides the configured origins.
          allowedOrigins: [...c.MEDIA_FETCH_ALLOWED_ORIGINS, c.MEDIA_PUBLIC_URL],
          timeoutMs: c.PROVIDER_TIMEOUT_MS,
          // The limits depend on the kind, known from the first bytes: MediaLimiter applies them.
          maxBytes: Number.MAX_SAFE_INTEGER,
        }),
    },
  ],
  exports: [MediaService],
})
export class MediaModule {}
