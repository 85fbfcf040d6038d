import type { Logger } from '@herald/config';
import type { TikTokOptions } from './tiktok/tiktok-deps.types';

export interface SandboxOptions {
  /** JSON file the state is loaded from at start and written to after changes; in memory only when absent. */
  stateFile?: string;
  /** Status reads a video container stays IN_PROGRESS (images are FINISHED at once). Default 2. */
  processingPolls?: number;
  /** Latency added to every network call. Default 0. */
  latencyMs?: number;
  /** Timeout of the sandbox's own media downloads. Default 10 s. */
  mediaFetchTimeoutMs?: number;
  /** String the default accounts' ids and tokens derive from. Default: DEFAULT_SEED. */
  seed?: string;
  /** TikTok: rate limits (default on), verified URL prefixes (default none), token lifetimes (24 h / 365 d). */
  tiktok?: Partial<TikTokOptions>;
  logger?: Logger;
}

/** Changing it changes the demo accounts' ids and tokens; Herald's demo org would need to be made again. */
export const DEFAULT_SEED = 'herald-sandbox-v1';
