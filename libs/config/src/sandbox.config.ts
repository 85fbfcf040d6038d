import { z } from 'zod';
import { type Env, parseEnv, port } from './parse-env.util';

const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .default(fallback)
    .transform((v) => v === 'on' || v === 'true' || v === '1');

/** A comma-separated list of absolute http(s) URLs. */
const urlList = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((p) => p.trim()).filter((p) => p !== ''))
  .pipe(z.array(z.url({ protocol: /^https?$/ })));

const schema = z.object({
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_PORT: port(3900),
  /** When set, accounts and everything published survive a restart of the sandbox. */
  SANDBOX_STATE_FILE: z.string().optional(),
  /** How many status reads a video container stays IN_PROGRESS (images are ready at once). */
  SANDBOX_PROCESSING_POLLS: z.coerce.number().int().min(0).default(2),
  /** Extra latency added to every network call, to imitate the real APIs in demos. */
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  /** Timeout of the sandbox's own download of media URLs, as Meta's fetcher has one. */
  SANDBOX_MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** TikTok's per-token per-minute limits (init 6, creator_info 20, status 30); tests that poll fast turn them off. */
  SANDBOX_TIKTOK_RATE_LIMITS: onOff('on'),
  /** URL prefixes (or origins) verified for TikTok's PULL_FROM_URL, e.g. Herald's MEDIA_PUBLIC_URL. */
  SANDBOX_TIKTOK_VERIFIED_PREFIXES: urlList,
  /** Lifetimes of the tokens TikTok's OAuth endpoint issues; clients must follow expires_in. */
  SANDBOX_TIKTOK_ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().positive().default(86_400),
  SANDBOX_TIKTOK_REFRESH_TOKEN_TTL_SEC: z.coerce.number().int().positive().default(31_536_000),
});

export type SandboxConfig = z.infer<typeof schema>;

export function loadSandboxConfig(env: Env = process.env): Readonly<SandboxConfig> {
  return parseEnv(schema, env);
}
