import { Context } from '@temporalio/activity';
import type { PostOutcomeEvent, PostRef, PostWebhookEvent } from '@herald/contracts';
import type { Logger } from '@herald/config';
import { postLogger } from './post-logger.util';

/**
 * Webhooks are told only by the activity call that recorded the outcome, like the metrics. Their
 * failing to start never fails the bookkeeping: the outcome is recorded, and a retry would find
 * the post recorded already and start nothing anyway.
 */
export function createOutcomeNotify(notifyOutcome: (event: PostOutcomeEvent) => Promise<void>, logger: Logger) {
  return async function notify({ organizationId, postId }: PostRef, event: PostWebhookEvent): Promise<void> {
    // One outcome per publish run, and the same run id on every retry of the activity (the
    // workflow is absent only for an activity started on its own, which Herald never does).
    const { workflowExecution, activityId } = Context.current().info;
    const eventId = `${event === 'post.published' ? 'published' : 'failed'}-${workflowExecution?.runId ?? activityId}`;
    try {
      await notifyOutcome({ organizationId, postId, event, eventId });
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      postLogger(logger, { organizationId, postId }).warn({ event, eventId, err }, 'could not start the webhook deliveries; the outcome is recorded');
    }
  };
}
