import { z } from 'zod';
import { type Env, parseEnv } from './parse-env.util';
import { databaseSchema, encryptionSchema, logSchema, providerSchema, redisSchema, temporalSchema } from './shared.schema';

const QUEUE_KEYS = ['workflows', 'facebook', 'instagram', 'tiktok'] as const;

const schema = z.object({
  ...databaseSchema,
  ...redisSchema,
  ...temporalSchema,
  ...encryptionSchema,
  ...providerSchema,
  ...logSchema,
  /** Which task queues this process serves (comma list); all of them by default. */
  WORKER_QUEUES: z
    .string()
    .default(QUEUE_KEYS.join(','))
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(QUEUE_KEYS)).min(1, 'must name at least one queue')),
  /** Prebuilt workflow bundle; without it the worker bundles the workflow code at start (slow). */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** Cap for the reconnect backoff when Temporal is unreachable. */
  WORKER_RECONNECT_MAX_MS: z.coerce.number().int().positive().default(15_000),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Activities per second across all workers on each network's queue (Temporal enforces it on
   * the server side, so every worker must use the same value).
   */
  FACEBOOK_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(50),
  INSTAGRAM_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(50),
  TIKTOK_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(20),
});

export type WorkerConfig = z.infer<typeof schema>;
export type WorkerQueueKey = (typeof QUEUE_KEYS)[number];

export function loadWorkerConfig(env: Env = process.env): Readonly<WorkerConfig> {
  return parseEnv(schema, env);
}
