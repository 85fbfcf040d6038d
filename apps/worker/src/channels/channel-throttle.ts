import type Redis from 'ioredis';

/**
 * A network's rate-limit answer pauses that one channel, not the worker: the pause is recorded
 * in Redis, shared by every worker, and each publishing step checks it before calling the network.
 */
export class ChannelThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly now: () => number = Date.now,
  ) {}

  private key(integrationId: string): string {
    return `throttle:${integrationId}`;
  }

  /**
   * Milliseconds the channel must still wait, or 0. Without Redis there is no shared pause to
   * honour; each post still waits out its own rate-limit answer in its workflow.
   */
  async remainingMs(integrationId: string): Promise<number> {
    try {
      const until = Number(await this.redis.get(this.key(integrationId)));
      return Number.isFinite(until) ? Math.max(0, until - this.now()) : 0;
    } catch {
      return 0;
    }
  }

  /** Pauses the channel for `ms`, keeping a longer pause already in place. Best effort. */
  async pause(integrationId: string, ms: number): Promise<void> {
    const until = this.now() + ms;
    try {
      const current = Number(await this.redis.get(this.key(integrationId)));
      if (Number.isFinite(current) && current >= until) return;
      await this.redis.set(this.key(integrationId), String(until), 'PX', Math.max(1, ms));
    } catch {
      // Redis is down: the workflow of the post that got the answer still waits.
    }
  }
}
