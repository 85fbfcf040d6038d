import { HERALD_QUEUES } from './herald-queues';
import { evaluateQueueCoverage, type SeenPoller } from './queue-coverage.util';
import type { WorkerHeartbeat, WorkerQueueState } from './worker-heartbeat.types';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const workflows = HERALD_QUEUES.find((q) => q.key === 'workflows')!;
const facebook = HERALD_QUEUES.find((q) => q.key === 'facebook')!;

function seen(identity: string, kind: SeenPoller['kind'], secondsAgo: number): SeenPoller {
  return { identity, kind, lastAccessTime: new Date(NOW.getTime() - secondsAgo * 1000).toISOString() };
}

function heartbeat(identity: string, queue: string, state: WorkerQueueState, upSeconds = 600): WorkerHeartbeat {
  const [pid, host] = identity.split('@');
  return {
    identity,
    hostname: host!,
    pid: Number(pid),
    queues: [{ name: queue, state }],
    startedAt: new Date(NOW.getTime() - upSeconds * 1000).toISOString(),
    reportedAt: NOW.toISOString(),
  };
}

describe(evaluateQueueCoverage.name, () => {
  it('should count a queue as polled when a worker polled it within 90 s, even without heartbeats', () => {
    const coverage = evaluateQueueCoverage({ queue: facebook, pollers: [seen('1@a', 'activity', 30)], heartbeats: [], now: NOW });

    expect(coverage).toMatchObject({ polled: true, missing: [] });
    expect(coverage.pollers[0]).toMatchObject({ live: true, ageMs: 30_000 });
  });

  it('should count an idle worker whose last long poll began a minute ago', () => {
    const coverage = evaluateQueueCoverage({ queue: facebook, pollers: [seen('1@a', 'activity', 65)], heartbeats: [], now: NOW });

    expect(coverage.polled).toBe(true);
  });

  it('should not count a poller last seen more than 90 s ago', () => {
    const coverage = evaluateQueueCoverage({ queue: facebook, pollers: [seen('1@a', 'activity', 150)], heartbeats: [], now: NOW });

    expect(coverage).toMatchObject({ polled: false, missing: ['activity'] });
    expect(coverage.pollers[0]).toMatchObject({ live: false, note: 'not seen for over 90 s' });
  });

  it('should need both workflow and activity pollers on the workflow queue', () => {
    const coverage = evaluateQueueCoverage({ queue: workflows, pollers: [seen('1@a', 'workflow', 5)], heartbeats: [], now: NOW });

    expect(coverage).toMatchObject({ polled: false, missing: ['activity'] });
  });

  it('should count a queue a live worker says it runs, though Temporal has not seen it poll lately (busy)', () => {
    const coverage = evaluateQueueCoverage({
      queue: facebook,
      pollers: [seen('1@a', 'activity', 400)],
      heartbeats: [heartbeat('1@a', facebook.name, 'running')],
      now: NOW,
    });

    expect(coverage).toMatchObject({ polled: true, running: ['1@a'] });
  });

  it('should not count the fresh pollers of a worker that reported it stopped (the quick "worker gone" signal)', () => {
    const coverage = evaluateQueueCoverage({
      queue: facebook,
      pollers: [seen('1@a', 'activity', 3)],
      heartbeats: [heartbeat('1@a', facebook.name, 'stopped')],
      now: NOW,
    });

    expect(coverage).toMatchObject({ polled: false, missing: ['activity'] });
    expect(coverage.pollers[0]).toMatchObject({ live: false, note: 'its process reports stopped' });
  });

  it('should not count the fresh pollers of a process known to have exited', () => {
    const coverage = evaluateQueueCoverage({
      queue: facebook,
      pollers: [seen('1@a', 'activity', 3), seen('2@a', 'activity', 3)],
      heartbeats: [],
      now: NOW,
      isGone: (identity) => identity === '1@a',
    });

    expect(coverage.polled).toBe(true);
    expect(coverage.pollers.map((p) => p.live)).toEqual([false, true]);
  });

  it('should list processes that serve the queue but are still connecting or backing off', () => {
    const coverage = evaluateQueueCoverage({
      queue: facebook,
      pollers: [],
      heartbeats: [heartbeat('1@a', facebook.name, 'backing-off')],
      now: NOW,
    });

    expect(coverage).toMatchObject({ polled: false, notRunning: [{ identity: '1@a', state: 'backing-off' }] });
  });

  it('should call a worker silent when it says it has been running for minutes and Temporal never saw it poll', () => {
    const coverage = evaluateQueueCoverage({
      queue: facebook,
      pollers: [seen('2@b', 'activity', 5)],
      heartbeats: [heartbeat('1@a', facebook.name, 'running', 600), heartbeat('3@c', facebook.name, 'running', 20)],
      now: NOW,
    });

    expect(coverage.silent).toEqual(['1@a']);
  });

  it('should let pollers alone decide when Redis could not be read', () => {
    const coverage = evaluateQueueCoverage({ queue: facebook, pollers: [seen('1@a', 'activity', 3)], heartbeats: null, now: NOW });

    expect(coverage).toMatchObject({ polled: true, running: [], silent: [] });
  });
});
