import type { Logger } from '@herald/config';
import type { BackgroundJobs } from '../jobs/background-jobs';
import type { MediaFetcher } from '../media/media-fetcher';
import type { SandboxClock } from '../state/sandbox.clock';
import type { SandboxStore } from '../state/sandbox.store';
import type { TikTokRateLimiter } from './http/tiktok-rate-limiter';
import type { TikTokState } from './tiktok-state.types';

/** What can be tuned about the TikTok emulator (environment keys SANDBOX_TIKTOK_*). */
export interface TikTokOptions {
  /** Per-token per-minute limits of the posting endpoints; tests that poll fast turn them off. */
  rateLimits: boolean;
  /** URL prefixes verified for PULL_FROM_URL, added to the stored list at every start. */
  verifiedUrlPrefixes: readonly string[];
  /** Lifetimes of the tokens the OAuth endpoint issues (admin tokens never expire on their own). */
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
}

export const DEFAULT_TIKTOK_OPTIONS: TikTokOptions = {
  rateLimits: true,
  verifiedUrlPrefixes: [],
  accessTokenTtlSec: 86_400,
  refreshTokenTtlSec: 31_536_000,
};

/** What the TikTok emulator's handlers are given. */
export interface TikTokDeps {
  store: SandboxStore;
  clock: SandboxClock;
  media: MediaFetcher;
  jobs: BackgroundJobs;
  logger: Logger;
  /** Status reads a publish stays PROCESSING_* once its media is in. */
  processingPolls: number;
  /** Fixed string the demo account's ids and tokens are derived from. */
  seed: string;
  options: TikTokOptions;
  rateLimiter: TikTokRateLimiter;
}

/** The TikTok section of the store; read through the store each time because a reset replaces it. */
export function tiktokState(deps: Pick<TikTokDeps, 'store'>): TikTokState {
  return deps.store.data.tiktok;
}
