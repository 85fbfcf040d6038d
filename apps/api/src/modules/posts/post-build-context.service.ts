import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { IntegrationRepository, MediaRepository } from '@herald/db';
import { API_CONFIG, CLOCK, type Clock } from '../../infrastructure/tokens';
import { TikTokCreatorInfoService } from '../channels/tiktok-creator-info.service';
import type { BuildContext } from './build-new-posts';

/** What a request names: channels, media, and whether it will be scheduled (TikTok is asked then). */
export interface BuildContextRequest {
  integrationIds: readonly string[];
  images: ReadonlyArray<{ id?: string; path: string }>;
  scheduling: boolean;
}

/**
 * Reads everything the pure post builder needs for one request, scoped to the organization:
 * its zone, the channels and media the request names, and TikTok's current limits.
 */
@Injectable()
export class PostBuildContextService {
  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly media: MediaRepository,
    private readonly creatorInfo: TikTokCreatorInfoService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async load(organizationId: string, request: BuildContextRequest): Promise<BuildContext> {
    const { images } = request;
    const [{ timeZone, channels: integrations }, { byId: mediaById, byPath: mediaByPath }] = await Promise.all([
      this.integrations.findForScheduling(organizationId, request.integrationIds),
      this.media.findManyByIdOrPath(
        organizationId,
        images.flatMap((i) => (i.id ? [i.id] : [])),
        images.map((i) => i.path),
      ),
    ]);
    const tiktokChannels = [...integrations.values()].filter((i) => i.provider === 'tiktok' && request.scheduling);
    const creatorInfo = new Map(
      (await Promise.all(tiktokChannels.map(async (c) => [c.id, await this.creatorInfo.forChannel(c)] as const))).flatMap(
        ([id, info]) => (info ? [[id, info] as const] : []),
      ),
    );
    return {
      creatorInfo,
      tiktokVerifiedUrlPrefixes: this.config.TIKTOK_VERIFIED_URL_PREFIXES,
      now: this.now(),
      mediaPublicUrl: this.config.MEDIA_PUBLIC_URL,
      pastGraceMs: this.config.SCHEDULE_PAST_GRACE_MS,
      defaultTimeZone: timeZone ?? 'UTC',
      integrations,
      mediaById,
      mediaByPath,
    };
  }
}
