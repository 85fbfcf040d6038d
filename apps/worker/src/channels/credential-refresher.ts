import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Logger } from '@herald/config';
import type { IntegrationRepository } from '@herald/db';
import type { IntegrationCredentials } from '@herald/domain';
import { ProviderError, type ProviderAdapter } from '@herald/providers';

const LOCK_TTL_MS = 30_000;
const WAIT_STEP_MS = 250;
/** Refresh a little before the token expires rather than after a rejected call. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export interface ChannelRef {
  organizationId: string;
  integrationId: string;
}

/**
 * Refreshes a channel's tokens, one refresh at a time per channel across every worker process:
 * TikTok rotates the refresh token on each use, so two concurrent refreshes would leave one of
 * them holding a dead token. The lock lives in Redis; whoever does not get it waits for the new
 * credentials to appear in Postgres.
 */
export class CredentialRefresher {
  constructor(
    private readonly redis: Redis,
    private readonly integrations: IntegrationRepository,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The channel's credentials, refreshed first when they expire soon and the network allows it. */
  async current(channel: ChannelRef, adapter: ProviderAdapter, credentials: IntegrationCredentials): Promise<IntegrationCredentials> {
    if (!adapter.refresh || !credentials.refreshToken || !credentials.expiresAt) return credentials;
    const expiresAt = Date.parse(credentials.expiresAt);
    if (expiresAt - this.now().getTime() > REFRESH_AHEAD_MS) return credentials;
    return this.refresh(channel, adapter, credentials);
  }

  /**
   * Replaces `stale` (rejected or about to expire) with fresh credentials. A definitive refusal
   * marks the channel "reconnect needed"; a transient failure is thrown as it is, to be retried.
   */
  async refresh(channel: ChannelRef, adapter: ProviderAdapter, stale: IntegrationCredentials): Promise<IntegrationCredentials> {
    if (!adapter.refresh) throw new Error(`${adapter.provider} tokens cannot be refreshed`);
    const lockKey = `lock:refresh:${channel.integrationId}`;
    const owner = randomUUID();
    const deadline = Date.now() + LOCK_TTL_MS;
    while (Date.now() < deadline) {
      const latest = await this.integrations.getCredentials(channel.organizationId, channel.integrationId);
      if (!latest) throw new Error(`Channel ${channel.integrationId} no longer exists`);
      // Someone else refreshed while we waited: use theirs.
      if (latest.accessToken !== stale.accessToken) return latest;
      if ((await this.redis.set(lockKey, owner, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') {
        try {
          return await this.refreshHoldingLock(channel, adapter, latest);
        } finally {
          await this.releaseLock(lockKey, owner);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    throw new Error(`Timed out waiting for another worker to refresh channel ${channel.integrationId}`);
  }

  private async refreshHoldingLock(
    channel: ChannelRef,
    adapter: ProviderAdapter,
    credentials: IntegrationCredentials,
  ): Promise<IntegrationCredentials> {
    try {
      const fresh = await adapter.refresh!(credentials);
      await this.integrations.updateCredentials(channel.organizationId, channel.integrationId, fresh);
      this.logger.info({ ...channel, expiresAt: fresh.expiresAt }, 'channel token refreshed');
      return fresh;
    } catch (error) {
      if (error instanceof ProviderError && error.failure.code === 'RECONNECT_NEEDED' && !error.failure.retryable) {
        await this.integrations.markRefreshNeeded(channel.organizationId, channel.integrationId);
        this.logger.warn({ ...channel }, 'the network refused the refresh token: channel needs reconnecting');
      }
      throw error;
    }
  }

  // Delete the lock only if it is still ours (it may have expired and been taken by another).
  private async releaseLock(key: string, owner: string): Promise<void> {
    await this.redis.eval(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
      1,
      key,
      owner,
    );
  }
}
