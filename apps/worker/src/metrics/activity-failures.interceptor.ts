import { ApplicationFailure, CancelledFailure } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, type Registry } from 'prom-client';
import { PUBLISH_FAILURE_TYPE } from '@herald/contracts';

export const ACTIVITY_FAILURES_METRIC = 'herald_activity_failures_total';

/**
 * Counts every failed activity attempt, retried or not, on the worker that ran it. A cancelled
 * attempt (the workflow no longer needs it, or the worker is draining) is not a failure. An
 * attempt that times out because its worker died is counted nowhere here: its workflow's
 * outcome is.
 */
export function activityFailuresInterceptor(registry: Registry): ActivityInterceptorsFactory {
  const failures = new Counter({
    name: ACTIVITY_FAILURES_METRIC,
    help: 'Failed activity attempts, by activity, task queue and error type (the Herald error code for a classified publish failure).',
    labelNames: ['activity', 'task_queue', 'error_type'],
    registers: [registry],
  });
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (error) {
          if (!(error instanceof CancelledFailure)) {
            failures.inc({ activity: ctx.info.activityType, task_queue: ctx.info.taskQueue, error_type: activityErrorType(error) });
          }
          throw error;
        }
      },
    },
  });
}

/**
 * A bounded label for a failure: the Herald code a publish failure carries (RATE_LIMITED,
 * OUTCOME_UNKNOWN, ...), else the failure's type or the error's class name, never its message.
 */
export function activityErrorType(error: unknown): string {
  if (error instanceof ApplicationFailure) {
    const detail: unknown = error.details?.[0];
    if (error.type === PUBLISH_FAILURE_TYPE && isCoded(detail)) return detail.code;
    return error.type ?? 'ApplicationFailure';
  }
  return error instanceof Error ? error.name : 'unknown';
}

function isCoded(value: unknown): value is { code: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}
