import type { PublishFailure } from '@herald/domain';

// Graph errors themselves are classified in meta/meta.errors.ts (Facebook and Instagram share
// codes); these are the failures the Facebook adapter decides on its own.

/** An unpublished photo answered without an id: preparing again is safe (it stays hidden). */
export function photoNotCreated(): PublishFailure {
  return {
    code: 'NETWORK_UNAVAILABLE',
    message: 'Facebook did not return the id of an uploaded photo; Herald will upload it again.',
    retryable: true,
    outcome: 'unknown',
  };
}

/** Meta applied the publish but its answer carried no id. */
export function publishAnswerWithoutId(): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: 'Facebook accepted the post but did not say which post it created; Herald will look for it.',
    retryable: false,
    outcome: 'unknown',
  };
}

/** The post's media changed between prepare and commit: prepare again. */
export function videoNotAllowedHere(): PublishFailure {
  return {
    code: 'VALIDATION',
    message: 'The post\'s media changed while it was being published: publish it again.',
    retryable: false,
    outcome: 'not-applied',
  };
}
