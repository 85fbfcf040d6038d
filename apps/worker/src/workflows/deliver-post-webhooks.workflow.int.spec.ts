// The delivery workflow's own logic against the real Temporal dev server, with its activities
// stubbed (e2e/webhooks.e2e.spec.ts runs the real ones against a receiver).
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import {
  type DeliverPostWebhooksWorkflow,
  TASK_QUEUES,
  WEBHOOK_FAILURE_TYPES,
  type WebhookDeliveryActivities,
  type WebhookDeliveryInput,
  deliverPostWebhooksStart,
} from '@herald/contracts';
import { createTestNamespace, testEnv } from '@herald/testing';

const post = { id: 'post-1', heraldState: 'PUBLISHED', releaseId: 'r-1' };

describe('deliverPostWebhooksWorkflow', () => {
  let stubs: jest.Mocked<WebhookDeliveryActivities>;
  let client: Client;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let seq = 0;

  const delegate: WebhookDeliveryActivities = {
    planWebhookDeliveries: (input) => stubs.planWebhookDeliveries(input),
    deliverWebhook: (input) => stubs.deliverWebhook(input),
  };

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // already installed by another test file in this process
    }
    const { namespace, connection: clientConnection } = await createTestNamespace('webhooks');
    client = new Client({ connection: clientConnection, namespace });
    connection = await NativeConnection.connect({ address: testEnv().temporalAddress });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: new DefaultLogger('ERROR') });
    worker = await Worker.create({ connection, namespace, taskQueue: TASK_QUEUES.workflows, workflowBundle, activities: delegate, shutdownForceTime: '10s' });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection?.close();
    await client?.connection.close();
  }, 60_000);

  beforeEach(() => {
    stubs = {
      planWebhookDeliveries: jest.fn().mockResolvedValue({ post, integrationId: 'int-1', webhookIds: ['wh-a'] }),
      deliverWebhook: jest.fn().mockResolvedValue({ status: 'delivered', httpStatus: 200 }),
    };
  });

  function start(eventId = `published-run-${Date.now()}-${++seq}`) {
    const { workflowType, options } = deliverPostWebhooksStart(
      { organizationId: 'org-1', postId: 'post-1', event: 'post.published', eventId },
      { initialIntervalMs: 100, attemptTimeoutMs: 5_000 },
    );
    return client.workflow.start<DeliverPostWebhooksWorkflow>(workflowType, options);
  }

  it('should call each webhook with a delivery id of its own, the same on every retry, and carry on past one that refuses', async () => {
    stubs.planWebhookDeliveries.mockResolvedValue({ post, integrationId: 'int-1', webhookIds: ['wh-a', 'wh-b', 'wh-c'] });
    let aAttempts = 0;
    stubs.deliverWebhook.mockImplementation(async ({ webhookId }) => {
      if (webhookId === 'wh-b') throw ApplicationFailure.create({ type: WEBHOOK_FAILURE_TYPES.rejected, message: 'the receiver answered 410', nonRetryable: true });
      if (webhookId === 'wh-c') return { status: 'skipped', reason: 'deleted' };
      if (++aAttempts < 3) throw ApplicationFailure.create({ type: WEBHOOK_FAILURE_TYPES.unavailable, message: 'the receiver answered 500' });
      return { status: 'delivered', httpStatus: 200 };
    });

    const result = await (await start()).result();

    expect(result).toEqual({ delivered: ['wh-a'], skipped: ['wh-c'], failed: [{ webhookId: 'wh-b', reason: 'the receiver answered 410' }] });
    const calls = stubs.deliverWebhook.mock.calls.map(([input]: [WebhookDeliveryInput]) => input);
    const ofA = calls.filter((c) => c.webhookId === 'wh-a');
    expect(ofA).toHaveLength(3);
    expect(new Set(ofA.map((c) => c.deliveryId)).size).toBe(1);
    expect(calls.filter((c) => c.webhookId === 'wh-b')).toHaveLength(1);
    expect(new Set(calls.map((c) => c.deliveryId)).size).toBe(3);
    expect(ofA[0]).toMatchObject({ organizationId: 'org-1', postId: 'post-1', event: 'post.published', integrationId: 'int-1', post });
  });

  it('should refuse a second start of the same outcome, even once the first has finished', async () => {
    const eventId = `published-run-dup-${Date.now()}`;
    await (await start(eventId)).result();

    const again = start(eventId);

    await expect(again).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    expect(stubs.deliverWebhook).toHaveBeenCalledTimes(1);
  });

  it('should call nothing for a post that is gone', async () => {
    stubs.planWebhookDeliveries.mockResolvedValue({ post: null, integrationId: null, webhookIds: [] });

    const result = await (await start()).result();

    expect(result).toEqual({ delivered: [], skipped: [], failed: [] });
    expect(stubs.deliverWebhook).not.toHaveBeenCalled();
  });
});
