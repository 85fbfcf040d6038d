import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment, defaultActivityInfo } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createLogger } from '@herald/config';
import { WEBHOOK_FAILURE_TYPES, type WebhookDeliveryInput } from '@herald/contracts';
import { type PostRecord, type PostRepository, type WebhookRepository, toPostResponse } from '@herald/db';
import type { WebhookSendResult } from '@herald/providers';
import { createWebhookDeliveryActivities } from './webhook-delivery.activities';

const NOW = new Date('2026-12-24T09:00:07.250Z');
const SECRET = 'c2VjcmV0LW9mLXRoZS13ZWJob29rLW9uZS10d28tdGhyZWU';
const workflowUrl = (id: string) => `http://temporal.test/workflows/${id}`;

const post: PostRecord = {
  id: 'post_1',
  organizationId: 'org_1',
  integrationId: 'int_fb',
  group: 'g_1',
  parentPostId: null,
  state: 'PUBLISHED',
  publishAt: new Date('2026-12-24T09:00:00Z'),
  timeZone: 'Europe/Paris',
  content: 'Opening hours change on Monday',
  media: [],
  settings: {},
  errorCode: null,
  errorMessage: null,
  releaseId: '1789_42',
  releaseUrl: 'https://www.facebook.com/1789_42',
  workflowId: 'post:post_1',
  creationMethod: 'API',
  createdAt: new Date('2026-12-24T08:00:00Z'),
  updatedAt: NOW,
  publishedAt: NOW,
  threadPosition: 0,
  delayMinutes: 0,
  repeatId: null,
  occurrence: null,
  repeat: null,
  integration: { id: 'int_fb', name: 'Café Page', provider: 'facebook', picture: null, profile: null },
  thread: [],
};

const input: WebhookDeliveryInput = {
  organizationId: 'org_1',
  postId: 'post_1',
  event: 'post.published',
  integrationId: 'int_fb',
  webhookId: 'wh_1',
  deliveryId: 'd7a1c0de-0000-4000-8000-000000000001',
  post: toPostResponse(post, workflowUrl),
};

function setUp(result: WebhookSendResult = { kind: 'delivered', status: 200 }, targets = [{ id: 'wh_1', url: 'https://hooks.example.com/in?token=t0k3n', secret: SECRET }]) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const posts = { findForOrganization: jest.fn().mockResolvedValue(post) };
  const webhooks = { forOutcome: jest.fn().mockResolvedValue(targets) };
  const send = jest.fn().mockResolvedValue(result);
  const activities = createWebhookDeliveryActivities({
    posts: posts as unknown as PostRepository,
    webhooks: webhooks as unknown as WebhookRepository,
    send,
    workflowUrl,
    now: () => NOW,
    logger: createLogger('herald-worker', 'info', stream),
  });
  const env = new MockActivityEnvironment(
    { ...defaultActivityInfo, attempt: 3, workflowExecution: { workflowId: 'webhooks:post_1:published-run_1', runId: 'run_9' } },
    // The SDK logs each failed attempt itself; not in this test's output.
    { logger: new DefaultLogger('ERROR', () => undefined) },
  );
  const sent = () => send.mock.calls[0]![0] as { url: string; body: string; headers: Record<string, string> };
  return { activities, env, posts, webhooks, send, sent, lines };
}

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApplicationFailure)) throw new Error(`expected an ApplicationFailure, got ${String(error)}`);
  return error;
}

describe(createWebhookDeliveryActivities.name, () => {
  describe('planWebhookDeliveries', () => {
    it("should take the post's JSON as GET /posts/:id gives it, and the webhooks of its channel by id only", async () => {
      const { activities, env, webhooks } = setUp();

      const plan = await env.run(activities.planWebhookDeliveries, { organizationId: 'org_1', postId: 'post_1', event: 'post.published' as const });

      expect(webhooks.forOutcome).toHaveBeenCalledWith('org_1', 'int_fb');
      expect(plan).toEqual({ post: toPostResponse(post, workflowUrl), integrationId: 'int_fb', webhookIds: ['wh_1'] });
      expect(JSON.stringify(plan)).not.toContain(SECRET);
    });

    it('should plan nothing for a post that is gone', async () => {
      const { activities, env, posts, webhooks } = setUp();
      posts.findForOrganization.mockResolvedValue(null);

      const plan = await env.run(activities.planWebhookDeliveries, { organizationId: 'org_1', postId: 'post_1', event: 'post.failed' as const });

      expect(plan).toEqual({ post: null, integrationId: null, webhookIds: [] });
      expect(webhooks.forOutcome).not.toHaveBeenCalled();
    });
  });

  describe('deliverWebhook', () => {
    it('should POST { event, deliveredAt, post } to the webhook URL', async () => {
      const { activities, env, sent } = setUp();

      const receipt = await env.run(activities.deliverWebhook, input);

      expect(receipt).toEqual({ status: 'delivered', httpStatus: 200 });
      expect(sent().url).toBe('https://hooks.example.com/in?token=t0k3n');
      expect(JSON.parse(sent().body)).toEqual({ event: 'post.published', deliveredAt: '2026-12-24T09:00:07.250Z', post: input.post });
      expect(JSON.parse(sent().body).post).toMatchObject({ id: 'post_1', heraldState: 'PUBLISHED', releaseId: '1789_42' });
    });

    it('should sign "<timestamp>.<body>" with the secret, and name the event and delivery', async () => {
      const { activities, env, sent } = setUp();

      await env.run(activities.deliverWebhook, input);

      const { headers, body } = sent();
      const expected = createHmac('sha256', SECRET).update(`1798102807.${body}`).digest('hex');
      expect(headers).toEqual({
        'content-type': 'application/json',
        'user-agent': 'Herald-Webhooks/1',
        'x-herald-event': 'post.published',
        'x-herald-delivery': input.deliveryId,
        'x-herald-timestamp': '1798102807',
        'x-herald-signature': `sha256=${expected}`,
      });
    });

    it('should throw a retryable failure for an attempt worth repeating, with the wait the receiver asked for', async () => {
      const { activities, env } = setUp({ kind: 'retry', reason: 'the receiver answered 429', status: 429, retryAfterMs: 30_000 });

      const failure = await failureOf(env.run(activities.deliverWebhook, input));

      expect(failure).toMatchObject({ type: WEBHOOK_FAILURE_TYPES.unavailable, nonRetryable: false, nextRetryDelay: 30_000 });
      expect(failure.message).toBe('the receiver answered 429');
    });

    it('should throw a final failure when the receiver refused it', async () => {
      const { activities, env } = setUp({ kind: 'rejected', reason: 'the receiver answered 410', status: 410 });

      const failure = await failureOf(env.run(activities.deliverWebhook, input));

      expect(failure).toMatchObject({ type: WEBHOOK_FAILURE_TYPES.rejected, nonRetryable: true });
    });

    it('should send nothing to a webhook deleted since the plan', async () => {
      const { activities, env, send } = setUp(undefined, []);

      const receipt = await env.run(activities.deliverWebhook, input);

      expect(receipt).toMatchObject({ status: 'skipped' });
      expect(send).not.toHaveBeenCalled();
    });

    it('should log the attempt with its delivery id and host, never the secret, the signature or the URL', async () => {
      const { activities, env, sent, lines } = setUp({ kind: 'retry', reason: 'the receiver answered 503', status: 503 });

      await failureOf(env.run(activities.deliverWebhook, input));

      const log = lines.join('');
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ webhookId: 'wh_1', deliveryId: input.deliveryId, host: 'hooks.example.com', attempt: 3, outcome: 'retry', httpStatus: 503 });
      expect(log).not.toContain(SECRET);
      expect(log).not.toContain(sent().headers['x-herald-signature']!.slice(7));
      expect(log).not.toContain('t0k3n');
    });
  });
});
