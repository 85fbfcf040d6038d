import type Redis from 'ioredis';

/**
 * Herald's Redis clients connect lazily and refuse to queue commands while offline, so a probe
 * connects first (a client that was closed is opened again). A failed connect is thrown: its
 * reason ("connect ECONNREFUSED …") says more than the refused command would.
 */
export async function ensureRedisConnected(redis: Redis): Promise<void> {
  if (redis.status !== 'wait' && redis.status !== 'end') return;
  // Without retries ioredis rejects with "Connection is closed."; the reason is in its error event.
  let reason: unknown;
  const remember = (error: unknown) => (reason = error);
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    throw reason ?? error;
  } finally {
    redis.off('error', remember);
  }
}

/** The key prefix ioredis adds to every key (REDIS_KEY_PREFIX), which SCAN patterns must spell out. */
export function redisKeyPrefix(redis: Redis): string {
  return redis.options.keyPrefix ?? '';
}
