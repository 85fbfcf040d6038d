import { ApplicationFailure } from '@temporalio/activity';
import { PUBLISH_FAILURE_TYPE } from '@herald/contracts';
import type { PublishFailure } from '@herald/domain';

/**
 * Carries a classified failure across the Temporal boundary. Temporal retries the same activity
 * only when that can help: not when the user must act, and not when what was prepared is gone
 * (the workflow prepares again). The step that publishes is never retried by Temporal at all
 * (its proxy allows one attempt); the workflow decides, after reconciling when needed.
 */
export function toApplicationFailure(failure: PublishFailure): ApplicationFailure {
  return ApplicationFailure.create({
    type: PUBLISH_FAILURE_TYPE,
    message: failure.message,
    nonRetryable: !failure.retryable || failure.prepareAgain === true,
    details: [failure],
    nextRetryDelay: failure.retryAfterMs,
  });
}

/** The classified failure an activity step threw (toApplicationFailure), if it was one. */
export function classifiedFailure(error: unknown): PublishFailure | undefined {
  if (!(error instanceof ApplicationFailure) || error.type !== PUBLISH_FAILURE_TYPE) return undefined;
  const failure = error.details?.[0] as PublishFailure | undefined;
  return failure && typeof failure.code === 'string' ? failure : undefined;
}
