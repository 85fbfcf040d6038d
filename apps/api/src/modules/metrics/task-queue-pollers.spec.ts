import { msNumberToTs } from '@temporalio/common/lib/time';
import { LIVE_POLLER_MS, POLLED_QUEUES, countLivePollers } from './task-queue-pollers';

describe(countLivePollers.name, () => {
  const now = Date.parse('2026-12-24T09:00:00Z');
  // As the gRPC answer gives it: seconds as a Long.
  const seenAgo = (ms: number) => ({ lastAccessTime: msNumberToTs(now - ms) });

  it('should count workers that polled within the last two minutes, not a dead one Temporal still lists', () => {
    expect(countLivePollers([seenAgo(5_000), seenAgo(65_000), seenAgo(LIVE_POLLER_MS + 1_000), {}], now)).toBe(2);
  });
});

describe('POLLED_QUEUES', () => {
  it('should expect workflow and activity pollers on the workflow queue and activity pollers on each network queue', () => {
    expect(POLLED_QUEUES.map((q) => `${q.taskQueue}/${q.kind}`)).toEqual([
      'herald-workflows/workflow',
      'herald-workflows/activity',
      'herald-publish-facebook/activity',
      'herald-publish-instagram/activity',
      'herald-publish-tiktok/activity',
    ]);
  });
});
