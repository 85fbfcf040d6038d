import { z } from 'zod';
import { httpUrl, positiveMs } from './parse-env.util';

/** A comma-separated list; empty by default. */
const list = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Settings every Herald process shares. */
export const databaseSchema = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
};

export const redisSchema = {
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  /** Keeps test runs and `npm start` apart on one Redis. */
  REDIS_KEY_PREFIX: z.string().default('herald:'),
};

export const temporalSchema = {
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
};

/** 32 random bytes, base64: encrypts OAuth tokens at rest (AES-256-GCM). */
export const encryptionSchema = {
  HERALD_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
};

export const providerSchema = {
  META_GRAPH_URL: httpUrl.default('https://graph.facebook.com'),
  INSTAGRAM_GRAPH_URL: httpUrl.default('https://graph.instagram.com'),
  TIKTOK_API_URL: httpUrl.default('https://open.tiktokapis.com'),
  META_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v21.0').default('v21.0'),
  PROVIDER_TIMEOUT_MS: positiveMs(30_000),
  /** Connections each process opens at once to each network host; more calls wait for one. */
  PROVIDER_MAX_CONNECTIONS: z.coerce.number().int().positive().default(100),
  /** The TikTok app Herald posts as (token refresh needs them). */
  TIKTOK_CLIENT_KEY: z.string().optional(),
  TIKTOK_CLIENT_SECRET: z.string().optional(),
  /** URL prefixes verified for the TikTok app: media under them is pulled by TikTok, the rest uploaded. */
  TIKTOK_VERIFIED_URL_PREFIXES: list,
  /**
   * Origins Herald may download media from although they resolve to private addresses (its own
   * MEDIA_PUBLIC_URL, the sandbox); every other URL must resolve to a public address.
   */
  MEDIA_FETCH_ALLOWED_ORIGINS: list,
};

/** Durations given to each publish workflow (PublishTiming), by the API and by the sweep alike. */
export const publishTimingSchema = {
  PUBLISH_CHECK_INTERVAL_MS: positiveMs(5_000),
  PUBLISH_PREPARE_DEADLINE_MS: positiveMs(15 * 60_000),
  PUBLISH_COMMIT_TIMEOUT_MS: positiveMs(2 * 60_000),
  PUBLISH_CONFIRM_DEADLINE_MS: positiveMs(30 * 60_000),
  /**
   * How long before its time a post is handed to its network's worker, which holds it until the
   * time itself (PublishTiming.leadMs): the Temporal work of waking many posts due at once is
   * done before they are due. Longer absorbs bigger bursts; each held post occupies one of the
   * worker's activity slots (WORKER_MAX_CONCURRENT_ACTIVITIES) for that long.
   */
  PUBLISH_LEAD_MS: positiveMs(60_000),
};

/** The publish timing from either process's configuration. */
export function publishTimingFrom(config: {
  PUBLISH_CHECK_INTERVAL_MS: number;
  PUBLISH_PREPARE_DEADLINE_MS: number;
  PUBLISH_COMMIT_TIMEOUT_MS: number;
  PUBLISH_CONFIRM_DEADLINE_MS: number;
  PUBLISH_LEAD_MS: number;
}) {
  return {
    checkIntervalMs: config.PUBLISH_CHECK_INTERVAL_MS,
    prepareDeadlineMs: config.PUBLISH_PREPARE_DEADLINE_MS,
    commitTimeoutMs: config.PUBLISH_COMMIT_TIMEOUT_MS,
    confirmDeadlineMs: config.PUBLISH_CONFIRM_DEADLINE_MS,
    leadMs: config.PUBLISH_LEAD_MS,
  };
}

export const logSchema = {
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
};
