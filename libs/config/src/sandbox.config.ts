import { z } from 'zod';
import { type Env, parseEnv, port } from './parse-env.util';

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
});

export type SandboxConfig = z.infer<typeof schema>;

export function loadSandboxConfig(env: Env = process.env): Readonly<SandboxConfig> {
  return parseEnv(schema, env);
}
