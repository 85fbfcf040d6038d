import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { testEnv } from '@herald/testing';
import { readWorkerHeartbeats } from './read-worker-heartbeats';
import { startWorkerHeartbeat } from './worker-heartbeat';
import type { WorkerQueueState } from './worker-heartbeat.types';

describe(startWorkerHeartbeat.name, () => {
  let redis: Redis;

  beforeAll(() => {
    const env = testEnv();
    redis = new Redis(env.redisUrl, { keyPrefix: `${env.redisKeyPrefix}heartbeat-${randomBytes(3).toString('hex')}:`, lazyConnect: true });
  });

  afterAll(async () => {
    await redis?.quit();
  });

  it('should report the worker with a short life, say at once when a queue changes state, and leave "stopped" for a while', async () => {
    let state: WorkerQueueState = 'connecting';
    const heartbeat = startWorkerHeartbeat(redis, () => [{ name: 'herald-workflows', state }], { identity: '4242@box' });
    try {
      await waitFor(async () => (await readWorkerHeartbeats(redis)).heartbeats[0]?.queues[0]?.state === 'connecting');
      const ttl = await redis.pttl('worker:4242@box');

      state = 'running';
      heartbeat.beat();
      await waitFor(async () => (await readWorkerHeartbeats(redis)).heartbeats[0]?.queues[0]?.state === 'running');
      await heartbeat.stop();
      const last = await readWorkerHeartbeats(redis);

      expect(ttl).toBeGreaterThan(25_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      expect(last.heartbeats).toEqual([
        expect.objectContaining({ identity: '4242@box', pid: process.pid, queues: [{ name: 'herald-workflows', state: 'stopped' }] }),
      ]);
      expect(await redis.pttl('worker:4242@box')).toBeGreaterThan(4 * 60_000);
    } finally {
      await heartbeat.stop();
    }
  });

  it('should report a value some other program left under the prefix instead of trusting it', async () => {
    await redis.set('worker:intruder', 'PONG', 'PX', 10_000);

    const reading = await readWorkerHeartbeats(redis);

    expect(reading.malformed).toEqual([{ key: 'worker:intruder', problem: 'not JSON' }]);
  });
});

async function waitFor(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
