import type { PublishFailure } from '@herald/domain';
import { classifyGraphError } from '../meta/meta.errors';
import type { ContainerStatus } from './instagram-container-status';
import { subcodeInStatusText } from './instagram-container-status';

const HOUR = 60 * 60_000;

/** Still processing: try the same step again shortly; nothing was published. */
export function containerNotReady(): PublishFailure {
  return {
    code: 'NETWORK_UNAVAILABLE',
    message: 'Instagram is still processing the media; Herald will publish it once it is ready.',
    retryable: true,
    outcome: 'not-applied',
    retryAfterMs: 15_000,
  };
}

/** Containers expire 24 h after creation: the workflow prepares new ones (duplicate-safe). */
export function containerExpired(): PublishFailure {
  return {
    code: 'NETWORK_UNAVAILABLE',
    message: 'The media Instagram had prepared expired before it was published; Herald will prepare it again.',
    retryable: true,
    outcome: 'not-applied',
    prepareAgain: true,
  };
}

/** Processing failed: the subcode in the status text says why (2207026: video format, …). */
export function containerErrored(status: ContainerStatus): PublishFailure {
  const subcode = subcodeInStatusText(status.text);
  return classifyGraphError({ subcode, message: status.text }, { write: false }, {
    code: 'MEDIA_REJECTED',
    retryable: false,
    message: 'Instagram could not process the media.',
    quoteMeta: true,
  });
}

/**
 * The rolling 24-hour publish quota is used up. Herald cannot tell when the oldest publish of the
 * window leaves it (the quota counts API publishes only), so it checks again in an hour.
 */
export function publishQuotaReached(total: number): PublishFailure {
  return {
    code: 'RATE_LIMITED',
    message: `Instagram's limit of ${total} posts published through its API in 24 hours is reached for this ` +
      'account; the post will go out when the rolling window frees up.',
    retryable: true,
    outcome: 'not-applied',
    retryAfterMs: HOUR,
  };
}

/** A commit found the container already published: only reconciliation can say by which post. */
export function containerAlreadyPublished(): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: 'Instagram says this media was already published; Herald will look for the post instead of publishing again.',
    retryable: false,
    outcome: 'unknown',
  };
}

/** Meta applied the publish but its answer carried no id. */
export function publishAnswerWithoutId(): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: 'Instagram accepted the publish but did not say which post it created; Herald will look for it.',
    retryable: false,
    outcome: 'unknown',
  };
}

/** A creation answered without an id: the container may exist, unseen; preparing again is safe. */
export function containerNotCreated(): PublishFailure {
  return {
    code: 'NETWORK_UNAVAILABLE',
    message: 'Instagram did not return the id of the prepared media; Herald will prepare it again.',
    retryable: true,
    outcome: 'unknown',
  };
}
