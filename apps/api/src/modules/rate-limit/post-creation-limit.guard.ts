import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { ApiConfig, Logger } from '@herald/config';
import { AppError } from '../../common/app-error';
import { API_CONFIG, CLOCK, type Clock, LOGGER, REDIS } from '../../infrastructure/tokens';
import type { AuthenticatedRequest } from '../auth/api-key.guard';

const WINDOW_MS = 3_600_000;

/**
 * Postiz's API_LIMIT: at most API_LIMIT post creations per organization per hour, counted in
 * Redis so every API process shares the count (a fixed window per clock hour). Runs after the
 * API key guard. If Redis cannot be reached the request goes through: readiness already reports
 * Redis down, and refusing every post for that would lose what users write.
 */
@Injectable()
export class PostCreationLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly now: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.API_LIMIT;
    if (limit === 0) return true;
    const { organizationId } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const now = this.now().getTime();
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const key = `rate:posts:${organizationId}:${windowStart}`;
    let count: number;
    try {
      // Lazily connected (the API starts without Redis): the first use connects.
      if (this.redis.status === 'wait') await this.redis.connect().catch(() => undefined);
      count = await this.redis.incr(key);
      if (count === 1) await this.redis.pexpire(key, WINDOW_MS + 60_000);
    } catch (error) {
      this.logger.warn({ organizationId, err: error instanceof Error ? error.message : String(error) }, 'rate limit not checked: Redis does not answer');
      return true;
    }
    if (count <= limit) return true;
    const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    throw new AppError('RATE_LIMITED', `This organization may create ${limit} posts per hour (API_LIMIT); try again in ${retryAfter} s.`, { retryAfter });
  }
}
