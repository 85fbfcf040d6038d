import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DELIVER_POST_WEBHOOKS_WORKFLOW, TASK_QUEUES } from '@herald/contracts';
import { createOutcomeNotifier } from './outcome-notifier';

const event = { organizationId: 'org_1', postId: 'post_1', event: 'post.published' as const, eventId: 'published-run_1' };

function fakeClient(start: jest.Mock): Client {
  return { workflow: { start }, withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn() } as unknown as Client;
}

describe(createOutcomeNotifier.name, () => {
  it('should start one delivery workflow keyed by post and event, never reusing the id, with the configured retry', async () => {
    const start = jest.fn().mockResolvedValue({});
    const notify = createOutcomeNotifier({ client: fakeClient(start), retry: { initialIntervalMs: 200 }, startTimeoutMs: 1_000, hasWebhooks: async () => true });

    await notify(event);

    expect(start).toHaveBeenCalledWith(DELIVER_POST_WEBHOOKS_WORKFLOW, expect.objectContaining({
      taskQueue: TASK_QUEUES.workflows,
      workflowId: 'webhooks:post_1:published-run_1',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ ...event, retry: { initialIntervalMs: 200 } }],
    }));
  });

  it('should take a workflow started already as done', async () => {
    const start = jest.fn().mockRejectedValue(new WorkflowExecutionAlreadyStartedError('started', 'webhooks:post_1:published-run_1', DELIVER_POST_WEBHOOKS_WORKFLOW));
    const notify = createOutcomeNotifier({ client: fakeClient(start), retry: {}, startTimeoutMs: 1_000, hasWebhooks: async () => true });

    await expect(notify(event)).resolves.toBeUndefined();
  });

  it('should pass on any other failure, for the caller to log', async () => {
    const start = jest.fn().mockRejectedValue(new Error('14 UNAVAILABLE'));
    const notify = createOutcomeNotifier({ client: fakeClient(start), retry: {}, startTimeoutMs: 1_000, hasWebhooks: async () => true });

    await expect(notify(event)).rejects.toThrow('14 UNAVAILABLE');
  });

  it('should start nothing for an organization without webhooks', async () => {
    const start = jest.fn().mockResolvedValue({});
    const hasWebhooks = jest.fn().mockResolvedValue(false);
    const notify = createOutcomeNotifier({ client: fakeClient(start), retry: {}, startTimeoutMs: 1_000, hasWebhooks });

    await notify(event);

    expect(hasWebhooks).toHaveBeenCalledWith('org_1');
    expect(start).not.toHaveBeenCalled();
  });
});
