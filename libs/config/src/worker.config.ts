import { z } from 'zod';
import { type Env, httpUrl, parseEnv, port } from './parse-env.util';
import {
  databaseSchema,
  encryptionSchema,
  logSchema,
  providerSchema,
  publishTimingSchema,
  redisSchema,
  temporalSchema,
} from './shared.schema';
import { webhookDeliverySchema, webhookTargetSchema } from './webhook.schema';

const QUEUE_KEYS = ['workflows', 'facebook', 'instagram', 'tiktok'] as const;

const schema = z.object({
  ...databaseSchema,
  ...redisSchema,
  ...temporalSchema,
  ...encryptionSchema,
  ...providerSchema,
  ...logSchema,
  ...publishTimingSchema,
  /** How often the sweep looks for posts whose workflow is missing (it also runs when a worker reconnects). */
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /**
   * Posts younger than this are left to the API, which may still be starting their workflow (it
   * gives up after TEMPORAL_START_TIMEOUT_MS, 5 s). Starting one twice would be harmless (one id
   * per post); the grace only saves work. The sweep looks again when the grace ends.
   */
  SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Between full sweeps (one in 100, and whenever a worker reconnects), the sweep looks only at
   * posts due within this long, and at those PUBLISHING or without a workflow: with many posts
   * waiting, a sweep then costs the posts due soon, not all of them.
   */
  SWEEP_HORIZON_MS: z.coerce.number().int().positive().default(60 * 60_000),
  /** Which task queues this process serves (comma list); all of them by default. */
  WORKER_QUEUES: z
    .string()
    .default(QUEUE_KEYS.join(','))
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(QUEUE_KEYS)).min(1, 'must name at least one queue')),
  /** Prebuilt workflow bundle; without it the worker bundles the workflow code at start (slow). */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /**
   * Cap for the reconnect backoff when Temporal is unreachable. A connection attempt costs next
   * to nothing, and the cap bounds how long after Temporal's return a worker polls again.
   */
  WORKER_RECONNECT_MAX_MS: z.coerce.number().int().positive().default(5_000),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Workflows kept in the worker's memory between tasks. Almost every publish workflow sleeps for
   * days; keeping them all cost about 28 kB each (1.1 GB for 40,000 waiting posts, BENCHMARKS.md).
   * One evicted from the cache is replayed from its short history when its timer fires.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || n >= 2, 'must be 0 (no cache) or at least 2, as Temporal requires')
    .default(1_000),
  /**
   * Activities each network's worker runs at once. Posts are held in their network's worker for
   * PUBLISH_LEAD_MS before their time, one slot each: this bounds how many posts due within
   * that lead are held ready (the rest wait in Temporal's queue and go out as slots free up).
   */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(2_000),
  /** The interface the metrics server listens on (127.0.0.1 keeps it on this machine). */
  HOST: z.string().default('0.0.0.0'),
  /** Prometheus metrics at http://HOST:WORKER_METRICS_PORT/metrics; 0 turns the server off. */
  WORKER_METRICS_PORT: port(9464),
  /**
   * Activities per second across all workers on each network's queue (Temporal enforces it on
   * the server side, so every worker must use the same value).
   */
  FACEBOOK_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(50),
  INSTAGRAM_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(50),
  TIKTOK_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(20),
  ...webhookTargetSchema,
  ...webhookDeliverySchema,
  /** The Temporal Web UI, for the workflowUrl of the post a webhook sends (the API's value). */
  TEMPORAL_UI_URL: httpUrl.default('http://localhost:8233'),
});

export type WorkerConfig = z.infer<typeof schema>;
export type WorkerQueueKey = (typeof QUEUE_KEYS)[number];

export function loadWorkerConfig(env: Env = process.env): Readonly<WorkerConfig> {
  return parseEnv(schema, env);
}
