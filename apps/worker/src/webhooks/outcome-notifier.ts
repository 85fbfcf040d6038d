import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { type DeliverPostWebhooksWorkflow, type PostOutcomeEvent, type WebhookRetryPolicy, deliverPostWebhooksStart } from '@herald/contracts';

export interface OutcomeNotifierOptions {
  client: Client;
  /** Passed to every delivery workflow (workflows read no environment). */
  retry: Partial<WebhookRetryPolicy>;
  /** The bookkeeping activity waits no longer than this for Temporal. */
  startTimeoutMs: number;
  /** Whether the organization has any webhook: without one, no workflow is started for nothing. */
  hasWebhooks: (organizationId: string) => Promise<boolean>;
}

/** Starts the webhook deliveries of one post outcome: at most one workflow per event id, ever. */
export function createOutcomeNotifier({ client, retry, startTimeoutMs, hasWebhooks }: OutcomeNotifierOptions): (event: PostOutcomeEvent) => Promise<void> {
  return async (event) => {
    if (!(await hasWebhooks(event.organizationId))) return;
    const { workflowType, options } = deliverPostWebhooksStart(event, retry);
    try {
      await client.withDeadline(Date.now() + startTimeoutMs, () => client.workflow.start<DeliverPostWebhooksWorkflow>(workflowType, options));
    } catch (error) {
      // Started already (the client retried a start whose answer was lost): that run delivers.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw error;
    }
  };
}
