import { z } from 'zod';
import { type Env, httpUrl, parseEnv, port, positiveMs } from './parse-env.util';
import {
  databaseSchema,
  encryptionSchema,
  logSchema,
  providerSchema,
  publishTimingSchema,
  redisSchema,
  temporalSchema,
} from './shared.schema';
import { webhookTargetSchema } from './webhook.schema';

const schema = z.object({
  ...databaseSchema,
  ...redisSchema,
  ...temporalSchema,
  ...encryptionSchema,
  ...providerSchema,
  ...logSchema,
  HOST: z.string().default('0.0.0.0'),
  PORT: port(3000),
  /** Where uploaded files are stored, and the public URL they are served from for the networks. */
  UPLOAD_DIR: z.string().default('.data/uploads'),
  MEDIA_PUBLIC_URL: httpUrl.default('http://localhost:3000/uploads'),
  /** The web UI's built files (apps/web/dist), served at `/`; unset: the build beside the API's. */
  WEB_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_IMAGE_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  UPLOAD_MAX_VIDEO_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
  /** Base URL of the Temporal Web UI, for links from a post to its workflow. */
  TEMPORAL_UI_URL: httpUrl.default('http://localhost:8233'),
  /** A "schedule" date this far in the past is taken as "now" (clock skew, slow clients). */
  SCHEDULE_PAST_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  /** Longest wait for Temporal when starting a workflow before answering 503. */
  TEMPORAL_START_TIMEOUT_MS: positiveMs(5_000),
  /** POST /posts calls per organization per hour (Postiz's API_LIMIT; its code's default is 90). 0 turns the limit off. */
  API_LIMIT: z.coerce.number().int().min(0).default(90),
  ...publishTimingSchema,
  ...webhookTargetSchema,
});

export type ApiConfig = z.infer<typeof schema>;

export function loadApiConfig(env: Env = process.env): Readonly<ApiConfig> {
  return parseEnv(schema, env);
}
