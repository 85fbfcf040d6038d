import { z } from 'zod';
import { type Env, parseEnv, positiveMs } from './parse-env.util';
import { databaseSchema, redisSchema, temporalSchema } from './shared.schema';

const schema = z.object({
  ...databaseSchema,
  ...redisSchema,
  ...temporalSchema,
  /**
   * The Temporal dynamic config file to check: Temporal's own variable, so that a doctor run
   * beside the server checks the file the server reads; the repository's file otherwise.
   */
  DYNAMIC_CONFIG_FILE_PATH: z.string().optional(),
  /** Longest wait for one dependency before the doctor calls it down. */
  DOCTOR_TIMEOUT_MS: positiveMs(3_000),
});

export type DoctorConfig = z.infer<typeof schema>;

/** The doctor reads only what it checks: the same keys, with the same defaults, as the API and workers. */
export function loadDoctorConfig(env: Env = process.env): Readonly<DoctorConfig> {
  return parseEnv(schema, env);
}
