import type { PostRef } from './publishing.activities';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { TASK_QUEUES } from './task-queues';

export const DELIVER_POST_WEBHOOKS_WORKFLOW = 'deliverPostWebhooksWorkflow';

export type PostWebhookEvent = 'post.published' | 'post.failed';

/** A post's outcome, recorded once by the bookkeeping activity that changed the post. */
export interface PostOutcomeEvent extends PostRef {
  event: PostWebhookEvent;
  /** Unique per outcome and the same for every retry of the activity that recorded it. */
  eventId: string;
}

/** How each webhook call is retried: exponential from `initialIntervalMs` up to `maximumIntervalMs`, for `giveUpAfterMs`. */
export interface WebhookRetryPolicy {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  giveUpAfterMs: number;
  /** Longest single attempt (the HTTP timeout plus the address check). */
  attemptTimeoutMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  initialIntervalMs: 10_000,
  maximumIntervalMs: 60 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
  attemptTimeoutMs: 60_000,
};

export interface DeliverPostWebhooksInput extends PostOutcomeEvent {
  /** From the worker's configuration (workflows read no environment); tests shorten it. */
  retry?: Partial<WebhookRetryPolicy>;
}

/** The post's JSON as GET /posts/:id answers it, taken when the outcome was recorded. */
export type WebhookPostJson = Record<string, unknown>;

export interface WebhookDeliveryPlan {
  /** Null when the post is gone (deleted meanwhile): nothing is sent. */
  post: WebhookPostJson | null;
  integrationId: string | null;
  /** The webhooks to call, by id only: secrets never enter workflow history. */
  webhookIds: string[];
}

export interface WebhookDeliveryInput extends PostRef {
  event: PostWebhookEvent;
  integrationId: string;
  webhookId: string;
  /** `x-herald-delivery`: the same on every attempt of this call. */
  deliveryId: string;
  post: WebhookPostJson;
}

export type WebhookDeliveryReceipt =
  | { status: 'delivered'; httpStatus: number }
  /** The webhook was deleted before this call: nothing was sent. */
  | { status: 'skipped'; reason: string };

export interface DeliverPostWebhooksResult {
  delivered: string[];
  skipped: string[];
  /** Webhooks that refused the delivery, or were still failing when the retries ran out. */
  failed: Array<{ webhookId: string; reason: string }>;
}

/** Webhook delivery, on the workflow task queue (Herald's own work, not a network's). */
export interface WebhookDeliveryActivities {
  /** Takes the post's JSON and finds the webhooks for its channel. */
  planWebhookDeliveries(input: PostRef & { event: PostWebhookEvent }): Promise<WebhookDeliveryPlan>;
  /** One signed POST to one webhook; throws to be retried, or a non-retryable failure when refused. */
  deliverWebhook(input: WebhookDeliveryInput): Promise<WebhookDeliveryReceipt>;
}

/** ApplicationFailure types thrown by deliverWebhook. */
export const WEBHOOK_FAILURE_TYPES = {
  /** The receiver refused it (4xx other than 408/429) or the URL must not be called: final. */
  rejected: 'WebhookRejectedError',
  /** Network error, timeout, 5xx, 408 or 429: retried by Temporal. */
  unavailable: 'WebhookUnavailableError',
} as const;

export type DeliverPostWebhooksWorkflow = (input: DeliverPostWebhooksInput) => Promise<DeliverPostWebhooksResult>;

/** One delivery workflow per outcome: a second start with the same id (a retried start) finds the first. */
export function postWebhooksWorkflowId(postId: string, eventId: string): string {
  return `webhooks:${postId}:${eventId}`;
}

/**
 * How the worker starts the deliveries of an outcome. REJECT_DUPLICATE: even once the first run
 * has closed, the same outcome is never delivered by a second one.
 */
export function deliverPostWebhooksStart(event: PostOutcomeEvent, retry: Partial<WebhookRetryPolicy> = {}) {
  const input: DeliverPostWebhooksInput = { ...event, retry };
  return {
    workflowType: DELIVER_POST_WEBHOOKS_WORKFLOW,
    options: {
      taskQueue: TASK_QUEUES.workflows,
      workflowId: postWebhooksWorkflowId(event.postId, event.eventId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
      args: [input] as [DeliverPostWebhooksInput],
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.PostId, value: event.postId },
        { key: SEARCH_ATTRIBUTES.OrganizationId, value: event.organizationId },
      ],
    },
  };
}
