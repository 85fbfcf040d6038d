import { findDuplicateWorkers } from './find-duplicate-workers.util';
import type { WorkerHeartbeat, WorkerQueueState } from './worker-heartbeat.types';

function heartbeat(pid: number, host: string, queues: string[], state: WorkerQueueState = 'running'): WorkerHeartbeat {
  return {
    identity: `${pid}@${host}`,
    hostname: host,
    pid,
    queues: queues.map((name) => ({ name, state })),
    startedAt: '2026-12-03T10:00:00.000Z',
    reportedAt: '2026-12-03T10:05:00.000Z',
  };
}

const ALL = ['herald-workflows', 'herald-publish-facebook'];

describe(findDuplicateWorkers.name, () => {
  it('should name the host and the pids of two processes serving the same queues there', () => {
    const duplicates = findDuplicateWorkers([heartbeat(300, 'box', ALL), heartbeat(200, 'box', [...ALL].reverse())]);

    expect(duplicates).toEqual([
      {
        hostname: 'box',
        queues: ['herald-publish-facebook', 'herald-workflows'],
        processes: [
          { pid: 200, identity: '200@box' },
          { pid: 300, identity: '300@box' },
        ],
      },
    ]);
  });

  it('should accept one process per host, as when scaled over several hosts', () => {
    expect(findDuplicateWorkers([heartbeat(1, 'a', ALL), heartbeat(1, 'b', ALL)])).toEqual([]);
  });

  it('should accept processes on one host that split the queues between them', () => {
    expect(findDuplicateWorkers([heartbeat(1, 'a', ['herald-workflows']), heartbeat(2, 'a', ['herald-publish-facebook'])])).toEqual([]);
  });

  it('should not count a process that has stopped', () => {
    expect(findDuplicateWorkers([heartbeat(1, 'a', ALL), heartbeat(2, 'a', ALL, 'stopped')])).toEqual([]);
  });

  it('should count a process that is still connecting as serving its queues', () => {
    expect(findDuplicateWorkers([heartbeat(1, 'a', ALL), heartbeat(2, 'a', ALL, 'connecting')])).toHaveLength(1);
  });
});
