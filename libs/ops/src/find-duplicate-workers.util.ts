import { type WorkerHeartbeat, isLiveHeartbeat } from './worker-heartbeat.types';

export interface DuplicateWorkers {
  hostname: string;
  queues: string[];
  processes: Array<{ pid: number; identity: string }>;
}

/**
 * Live worker processes on one host that serve exactly the same queues: usually a start command
 * run twice rather than deliberate scaling (which spreads processes over hosts, or splits queues
 * with WORKER_QUEUES).
 */
export function findDuplicateWorkers(heartbeats: readonly WorkerHeartbeat[]): DuplicateWorkers[] {
  const groups = new Map<string, DuplicateWorkers>();
  for (const heartbeat of heartbeats.filter(isLiveHeartbeat)) {
    const queues = [...new Set(heartbeat.queues.filter((q) => q.state !== 'stopped').map((q) => q.name))].sort();
    const key = JSON.stringify([heartbeat.hostname, queues]);
    const group = groups.get(key) ?? { hostname: heartbeat.hostname, queues, processes: [] };
    group.processes.push({ pid: heartbeat.pid, identity: heartbeat.identity });
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.processes.length > 1)
    .map((g) => ({ ...g, processes: g.processes.sort((a, b) => a.pid - b.pid) }));
}
