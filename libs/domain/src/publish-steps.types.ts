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
  /** Still processing; `prepared` replaces the previous state when the step made progress (a carousel's parent). */
  | { status: 'pending'; detail?: string; prepared?: PreparedPublish }
  | { status: 'ready'; prepared: PreparedPublish };

/**
 * What the publishing step achieved: the post is live, or the network accepted it and is still
 * processing it (TikTok), in which case `confirm` is polled with `pending`.
 */
export type CommitOutcome =
  | { status: 'published'; ref: PublishedRef }
  | { status: 'accepted'; pending: PreparedPublish };

/** Read-only poll of a post the network accepted but has not finished publishing. */
export type ConfirmCheck = { status: 'pending'; detail?: string } | { status: 'published'; ref: PublishedRef };

/** What the network says about a commit whose outcome was unknown. */
export type ReconcileResult =
  | { status: 'published'; ref: PublishedRef }
  /** The network took the post and is still processing it: keep confirming, never commit again. */
  | { status: 'accepted'; pending: PreparedPublish }
  | { status: 'not-published'; detail: string }
  | { status: 'unknown'; detail: string };
