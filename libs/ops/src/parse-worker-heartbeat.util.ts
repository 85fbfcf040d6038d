import { z } from 'zod';
import { WORKER_QUEUE_STATES, type WorkerHeartbeat } from './worker-heartbeat.types';

const isoInstant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO instant');

const heartbeatSchema = z.object({
  identity: z.string().min(1),
  hostname: z.string().min(1),
  pid: z.number().int().positive(),
  queues: z.array(z.object({ name: z.string().min(1), state: z.enum(WORKER_QUEUE_STATES) })),
  startedAt: isoInstant,
  reportedAt: isoInstant,
});

export type ParsedHeartbeat = { ok: true; heartbeat: WorkerHeartbeat } | { ok: false; problem: string };

/** Reads one stored heartbeat; a value some other program wrote there is reported, not trusted. */
export function parseWorkerHeartbeat(raw: string): ParsedHeartbeat {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const result = heartbeatSchema.safeParse(json);
  if (!result.success) {
    return { ok: false, problem: result.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ') };
  }
  return { ok: true, heartbeat: result.data };
}
