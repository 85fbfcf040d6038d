import { ApplicationFailure, Context } from '@temporalio/activity';
import { WEBHOOK_FAILURE_TYPES, type WebhookDeliveryActivities, type WebhookDeliveryInput } from '@herald/contracts';
import { type PostRepository, type WebhookRepository, toPostResponse } from '@herald/db';
import type { Logger } from '@herald/config';
import { type WebhookSendResult, type WebhookSender, signWebhookBody } from '@herald/providers';
import { postLogger } from './post-logger.util';

export interface WebhookDeliveryDeps {
  posts: PostRepository;
  webhooks: WebhookRepository;
  /** POSTs to a URL after checking it again (libs/providers), and classifies the answer. */
  send: WebhookSender;
  /** The post's link to its workflow in the Temporal UI, as the API gives it. */
  workflowUrl: (workflowId: string) => string;
  now: () => Date;
  logger: Logger;
}

/** What a receiver gets: the event, when this attempt was made, and the post as GET /posts/:id shows it. */
export function webhookBody(input: Pick<WebhookDeliveryInput, 'event' | 'post'>, deliveredAt: Date): string {
  return JSON.stringify({ event: input.event, deliveredAt: deliveredAt.toISOString(), post: input.post });
}

/** The headers of one attempt; the signature covers the timestamp and the exact body sent. */
export function webhookHeaders(input: Pick<WebhookDeliveryInput, 'event' | 'deliveryId'>, secret: string, timestamp: number, body: string) {
  return {
    'content-type': 'application/json',
    'user-agent': 'Herald-Webhooks/1',
    'x-herald-event': input.event,
    'x-herald-delivery': input.deliveryId,
    'x-herald-timestamp': String(timestamp),
    'x-herald-signature': signWebhookBody(secret, timestamp, body),
  };
}

/**
 * Webhook calls, on the workflow task queue. Secrets are read here, from Postgres, at each
 * attempt: they never enter workflow history. Temporal retries a failed attempt (network
 * error, timeout, 5xx, 408, 429); a refusal is final.
 */
export function createWebhookDeliveryActivities(deps: WebhookDeliveryDeps): WebhookDeliveryActivities {
  const { posts, webhooks, send, workflowUrl, now, logger } = deps;
  return {
    async planWebhookDeliveries(ref) {
      const post = await posts.findForOrganization(ref.organizationId, ref.postId);
      if (!post) {
        postLogger(logger, ref).info({ event: ref.event }, 'no webhook deliveries: the post is gone');
        return { post: null, integrationId: null, webhookIds: [] };
      }
      const targets = await webhooks.forOutcome(ref.organizationId, post.integrationId);
      return { post: toPostResponse(post, workflowUrl), integrationId: post.integrationId, webhookIds: targets.map((t) => t.id) };
    },

    async deliverWebhook(input) {
      const log = postLogger(logger, input).child({ webhookId: input.webhookId, deliveryId: input.deliveryId, event: input.event });
      const target = (await webhooks.forOutcome(input.organizationId, input.integrationId)).find((w) => w.id === input.webhookId);
      if (!target) {
        log.info('webhook skipped: it was deleted, or no longer covers this channel');
        return { status: 'skipped', reason: 'the webhook was deleted, or no longer covers this channel' };
      }
      const deliveredAt = now();
      const timestamp = Math.floor(deliveredAt.getTime() / 1000);
      const body = webhookBody(input, deliveredAt);
      const result = await send({ url: target.url, body, headers: webhookHeaders(input, target.secret, timestamp, body) });
      // The URL may carry a token of the receiver's, so only its host is logged; never the secret or signature.
      log.info({ host: hostOf(target.url), attempt: Context.current().info.attempt, outcome: result.kind, ...detailsOf(result) }, 'webhook attempt');
      return receiptOrThrow(result);
    },
  };
}

function receiptOrThrow(result: WebhookSendResult): { status: 'delivered'; httpStatus: number } {
  switch (result.kind) {
    case 'delivered':
      return { status: 'delivered', httpStatus: result.status };
    case 'retry':
      throw ApplicationFailure.create({
        type: WEBHOOK_FAILURE_TYPES.unavailable,
        message: result.reason,
        // A receiver's Retry-After replaces the backoff for this one wait.
        ...(result.retryAfterMs !== undefined && { nextRetryDelay: result.retryAfterMs }),
      });
    case 'rejected':
      throw ApplicationFailure.create({ type: WEBHOOK_FAILURE_TYPES.rejected, message: result.reason, nonRetryable: true });
  }
}

function detailsOf(result: WebhookSendResult): Record<string, unknown> {
  return result.kind === 'delivered' ? { httpStatus: result.status } : { httpStatus: result.status, reason: result.reason };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
