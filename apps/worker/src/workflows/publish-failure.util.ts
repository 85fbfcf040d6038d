import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import { ERROR_CODES, type PublishFailure } from '@herald/domain';
import { PUBLISH_FAILURE_TYPE } from '@herald/contracts';

/**
 * Reads the classified failure out of an activity error. A failure that was not classified (a
 * bug, a crash, a timeout) is reported with `fallbackOutcome`: for the step that publishes it
 * must be 'unknown', since the request may have reached the network.
 */
export function publishFailureOf(error: unknown, fallbackOutcome: PublishFailure['outcome']): PublishFailure {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type === PUBLISH_FAILURE_TYPE) {
    const details = cause.details?.[0] as PublishFailure | undefined;
    if (details && typeof details.code === 'string') return details;
  }
  if (cause instanceof TimeoutFailure) {
    return {
      code: fallbackOutcome === 'unknown' ? 'OUTCOME_UNKNOWN' : 'NETWORK_UNAVAILABLE',
      message:
        fallbackOutcome === 'unknown'
          ? ERROR_CODES.OUTCOME_UNKNOWN
          : 'The network did not answer in time, even after retries.',
      retryable: false,
      outcome: fallbackOutcome,
    };
  }
  const text = cause instanceof Error ? cause.message : String(cause);
  return {
    code: 'INTERNAL',
    message: `${ERROR_CODES.INTERNAL} (${text.slice(0, 300)})`,
    retryable: false,
    outcome: fallbackOutcome,
  };
}

/** A failure the workflow decided on itself, raised to end the publishing steps. */
export class WorkflowPublishError extends Error {
  constructor(readonly failure: PublishFailure) {
    super(failure.message);
    this.name = 'WorkflowPublishError';
  }
}

/** The post's claim passed to another attempt (a run that took it over): this one must not publish. */
export class ClaimLostError extends Error {
  constructor() {
    super('Another attempt took the post over; it records the outcome.');
    this.name = 'ClaimLostError';
  }
}
