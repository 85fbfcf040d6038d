import { emptyMetaState, type MetaState } from '../meta/meta-state.types';
import { emptyTikTokState, type TikTokState } from '../tiktok/tiktok-state.types';
import type { PublishedItem } from './published-item.types';

export const STATE_VERSION = 1;

/**
 * Everything the sandbox remembers between restarts. Each network keeps its records in its own
 * section; what was published is shared so the admin API can list it in one order.
 */
export interface SandboxStateData {
  version: typeof STATE_VERSION;
  clockOffsetMs: number;
  published: PublishedItem[];
  meta: MetaState;
  tiktok: TikTokState;
}

export function emptySandboxState(): SandboxStateData {
  return { version: STATE_VERSION, clockOffsetMs: 0, published: [], meta: emptyMetaState(), tiktok: emptyTikTokState() };
}
