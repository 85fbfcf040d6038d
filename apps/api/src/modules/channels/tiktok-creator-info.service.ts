import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { IntegrationRepository, type IntegrationRecord } from '@herald/db';
import { type ProviderAdapter, TikTokAdapter, type TikTokCreatorInfo } from '@herald/providers';
import type { ProviderId } from '@herald/domain';
import { PROVIDER_ADAPTERS, REDIS } from '../../infrastructure/tokens';

/** creator_info is rate-limited by TikTok (20 a minute per token) and changes rarely. */
const CACHE_SECONDS = 600;

/**
 * The TikTok creator's current limits (allowed visibilities, longest video), read at scheduling
 * time so that a post TikTok would refuse is refused now with a 400, and cached in Redis.
 */
@Injectable()
export class TikTokCreatorInfoService {
  private readonly logger = new Logger(TikTokCreatorInfoService.name);

  constructor(
    private readonly integrations: IntegrationRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: Record<ProviderId, ProviderAdapter | undefined>,
  ) {}

  /** undefined when TikTok cannot be asked now: the adapter checks again before publishing. */
  async forChannel(channel: IntegrationRecord): Promise<TikTokCreatorInfo | undefined> {
    const key = `creator-info:${channel.id}`;
    try {
      const cached = await this.redis.get(key);
      if (cached) return JSON.parse(cached) as TikTokCreatorInfo;
    } catch {
      // no cache without Redis
    }
    const adapter = this.adapters.tiktok;
    if (!(adapter instanceof TikTokAdapter)) return undefined;
    try {
      const credentials = await this.integrations.getCredentials(channel.organizationId, channel.id);
      if (!credentials) return undefined;
      const info = await adapter.queryCreatorInfo({ account: { provider: 'tiktok', internalId: channel.internalId }, credentials });
      await this.redis.set(key, JSON.stringify(info), 'EX', CACHE_SECONDS).catch(() => undefined);
      return info;
    } catch (error) {
      this.logger.warn(`creator_info for channel ${channel.id} unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
