import type Redis from 'ioredis';
import type { CheckContext } from './check-context';
import { type CheckResult, checkResult } from './check-result';
import { errorText } from './error-text.util';
import { ensureRedisConnected } from './redis-connection.util';
import { withTimeout } from './with-timeout.util';

export const REDIS_CHECK = 'redis';

/** Redis answers PING. */
export async function checkRedis(redis: Redis, target: string, context: CheckContext): Promise<CheckResult> {
  try {
    await withTimeout(
      (async () => {
        await ensureRedisConnected(redis);
        await redis.ping();
      })(),
      context.timeoutMs,
    );
    return checkResult(REDIS_CHECK, 'ok', `Redis at ${target} answers.`, context.now());
  } catch (error) {
    return checkResult(REDIS_CHECK, 'fail', `Redis at ${target} does not answer: ${errorText(error)}.`, context.now(), {
      fix: 'Start Redis, or correct REDIS_URL. Workers report their liveness there and keep their locks there.',
    });
  }
}
