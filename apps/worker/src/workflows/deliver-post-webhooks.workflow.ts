import { ActivityFailure, proxyActivities, uuid4 } from '@temporalio/workflow';
import {
  DEFAULT_WEBHOOK_RETRY,
  type DeliverPostWebhooksInput,
  type DeliverPostWebhooksResult,
  TASK_QUEUES,
  WEBHOOK_FAILURE_TYPES,
  type WebhookDeliveryActivities,
} from '@herald/contracts';

// Reading the post and its webhooks from Postgres: retried for as long as the deliveries would be.
const { planWebhookDeliveries } = proxyActivities<WebhookDeliveryActivities>({
  taskQueue: TASK_QUEUES.workflows,
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Tells an organization's webhooks that a post was published or failed. A workflow of its own,
 * started once per outcome (id `webhooks:<postId>:<eventId>`), so that a slow or failing
 * receiver can never delay, fail or repeat the publication: that is recorded before this starts.
 * Each webhook is one activity with its own retries; one webhook's failure leaves the others alone.
 */
export async function deliverPostWebhooksWorkflow(input: DeliverPostWebhooksInput): Promise<DeliverPostWebhooksResult> {
  const retry = { ...DEFAULT_WEBHOOK_RETRY, ...input.retry };
  const { deliverWebhook } = proxyActivities<WebhookDeliveryActivities>({
    taskQueue: TASK_QUEUES.workflows,
    startToCloseTimeout: retry.attemptTimeoutMs,
    // About a day of attempts, exponentially spaced up to an hour apart.
    scheduleToCloseTimeout: retry.giveUpAfterMs,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
      nonRetryableErrorTypes: [WEBHOOK_FAILURE_TYPES.rejected],
    },
  });
  const { organizationId, postId, event } = input;
  const result: DeliverPostWebhooksResult = { delivered: [], skipped: [], failed: [] };
  const plan = await planWebhookDeliveries({ organizationId, postId, event });
  const { post, integrationId } = plan;
  if (!post || !integrationId) return result;

  // uuid4 is deterministic in workflow code: each delivery keeps its id across retries and replays.
  const deliveries = plan.webhookIds.map((webhookId) => ({ webhookId, deliveryId: uuid4() }));
  const settled = await Promise.allSettled(
    deliveries.map(({ webhookId, deliveryId }) =>
      deliverWebhook({ organizationId, postId, event, integrationId, webhookId, deliveryId, post }),
    ),
  );
  settled.forEach((outcome, i) => {
    const { webhookId } = deliveries[i]!;
    if (outcome.status === 'rejected') result.failed.push({ webhookId, reason: failureReason(outcome.reason) });
    else if (outcome.value.status === 'delivered') result.delivered.push(webhookId);
    else result.skipped.push(webhookId);
  });
  return result;
}

function failureReason(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
