import type { Logger } from '@herald/config';
import type { BackgroundJobs } from '../jobs/background-jobs';
import type { MediaFetcher } from '../media/media-fetcher';
import type { RequestLog } from '../state/request-log';
import type { SandboxClock } from '../state/sandbox.clock';
import type { SandboxStore } from '../state/sandbox.store';
import type { MetaState } from './meta-state.types';

export type MetaHost = 'graph.facebook.com' | 'graph.instagram.com';

/** What the Meta emulator's handlers are given. */
export interface MetaDeps {
  store: SandboxStore;
  clock: SandboxClock;
  media: MediaFetcher;
  jobs: BackgroundJobs;
  requestLog: RequestLog;
  logger: Logger;
  /** Status reads a video container (or Facebook video) stays in processing. */
  processingPolls: number;
  /** Fixed string the default accounts' ids and tokens are derived from. */
  seed: string;
  newId: (digits?: number) => string;
}

/** The Meta section of the store; read through the store each time because a reset replaces it. */
export function metaState(deps: Pick<MetaDeps, 'store'>): MetaState {
  return deps.store.data.meta;
}
