import type Redis from 'ioredis';
import { parseWorkerHeartbeat } from './parse-worker-heartbeat.util';
import { ensureRedisConnected, redisKeyPrefix } from './redis-connection.util';
import { WORKER_HEARTBEAT_KEY_PREFIX, type WorkerHeartbeat } from './worker-heartbeat.types';

export interface WorkerHeartbeatReading {
  heartbeats: WorkerHeartbeat[];
  /** Keys under `worker:` whose value is not a heartbeat, with what is wrong. */
  malformed: Array<{ key: string; problem: string }>;
}

/** Every worker report in Redis under this client's key prefix (SCAN, so never blocking Redis). */
export async function readWorkerHeartbeats(redis: Redis): Promise<WorkerHeartbeatReading> {
  await ensureRedisConnected(redis);
  const prefix = redisKeyPrefix(redis);
  const pattern = `${escapeGlob(prefix)}${WORKER_HEARTBEAT_KEY_PREFIX}*`;
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
    cursor = next;
    // SCAN answers full keys; commands add the prefix themselves.
    for (const key of found) keys.add(key.slice(prefix.length));
  } while (cursor !== '0');

  const reading: WorkerHeartbeatReading = { heartbeats: [], malformed: [] };
  const list = [...keys].sort();
  for (let i = 0; i < list.length; i += 100) {
    const chunk = list.slice(i, i + 100);
    const values = await redis.mget(...chunk);
    chunk.forEach((key, index) => {
      const value = values[index];
      if (value === null || value === undefined) return; // expired between SCAN and MGET
      const parsed = parseWorkerHeartbeat(value);
      if (parsed.ok) reading.heartbeats.push(parsed.heartbeat);
      else reading.malformed.push({ key, problem: parsed.problem });
    });
  }
  return reading;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
