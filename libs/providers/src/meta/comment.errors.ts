import type { PublishFailure } from '@herald/domain';
import { ProviderError } from '../provider-error';
import { refusedBeforeSending } from '../provider-failure.util';

// Failures of follow-up comments. Meta's own errors are classified by meta.errors.ts like any
// other call; only the sentence of 100/33 changes, because on a comment it has one more cause.

/**
 * 100/33 on a comment: the post it belongs to is gone (deleted in the app), or Meta hides the
 * account from writes under an identity checkpoint, as it does at publish time.
 */
export const COMMENT_TARGET_MISSING_MESSAGE =
  'Meta refused the comment: the post it belongs to may have been deleted, or a Page admin must confirm ' +
  'their identity. Check that the post is still online; if it is, complete the identity verification in the ' +
  'Facebook app (Page Publishing Authorization), then publish the comment again.';

/** The failure a comment write reports: Meta's classification, with the comment's wording of 100/33. */
export function asCommentFailure(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  const { network } = error.failure;
  if (network?.code !== 100 || network.subcode !== 33) return error;
  return new ProviderError({ ...error.failure, message: COMMENT_TARGET_MISSING_MESSAGE });
}

/** Both networks refuse an empty comment; Herald says so before sending anything. */
export function assertCommentText(text: string): void {
  if (text.trim() === '') {
    throw refusedBeforeSending('VALIDATION', 'This thread item has no text, and a comment needs some: write it, then publish again.');
  }
}

/** Meta answered the comment without an id: it was most likely made. */
export function commentAnswerWithoutId(network: 'Facebook' | 'Instagram'): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: `${network} accepted the comment but did not say which comment it created; Herald will look for it.`,
    retryable: false,
    outcome: 'unknown',
  };
}

/** The post has more comments than Herald reads back: it cannot prove the comment is not there. */
export function commentLookupIncomplete(): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message:
      'The post has too many comments for Herald to check whether this one was published: look at the post ' +
      'before publishing the comment again.',
    retryable: false,
    outcome: 'not-applied',
  };
}
