import type { ProviderId } from './provider.types';

/**
 * The plain data that flows between the publishing steps (and so through Temporal history).
 * Never put credentials here: history is stored unencrypted.
 */

/** Where the network published the post. */
export interface PublishedRef {
  releaseId: string;
  releaseUrl?: string;
}

/**
 * The result of the retry-safe preparation step: whatever the network created that is not yet
 * visible (an Instagram container, unpublished Facebook photos), opaque to the workflow.
 */
export interface PreparedPublish {
  provider: ProviderId;
  data: Record<string, unknown>;
}

export type PrepareCheck =
  | { status: 'pending'; detail?: string }
  | { status: 'ready'; prepared: PreparedPublish };

/** What the network says about a commit whose outcome was unknown. */
export type ReconcileResult =
  | { status: 'published'; ref: PublishedRef }
  | { status: 'not-published'; detail: string }
  | { status: 'unknown'; detail: string };
