import type { ProviderId } from '@herald/domain';
import { DEFAULT_PUBLISH_TIMING, PUBLISH_POST_WORKFLOW, type PublishPostInput, type PublishTiming } from './publish-post.contract';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { TASK_QUEUES } from './task-queues';
import { postWorkflowId } from './workflow-ids';

export interface PublishablePostRef {
  id: string;
  organizationId: string;
  integrationId: string;
  provider: ProviderId;
  publishAt: Date;
}

/**
 * How a post's workflow is started, by the API and by the sweep alike: one id per post, and
 * USE_EXISTING so that starting it again finds the running one instead of a second run.
 *
 * The start is delayed until the lead before the publish time: until then the workflow is only
 * a record in Temporal (visible, searchable by PublishAt, cancellable) and costs no worker
 * anything, neither memory nor a first workflow task queued behind other posts' work. A signal
 * sent with signal-with-start (a move, publish now) wakes it at once; so does a cancel.
 */
export function publishWorkflowStart(post: PublishablePostRef, timing: Partial<PublishTiming>, takeOver = false, now = Date.now()) {
  const input: PublishPostInput = {
    organizationId: post.organizationId,
    postId: post.id,
    publishAt: post.publishAt.toISOString(),
    provider: post.provider,
    timing,
    ...(takeOver && { takeOver: true }),
  };
  const leadMs = timing.leadMs ?? DEFAULT_PUBLISH_TIMING.leadMs;
  const startDelayMs = Math.floor(post.publishAt.getTime() - leadMs - now);
  return {
    workflowType: PUBLISH_POST_WORKFLOW,
    options: {
      taskQueue: TASK_QUEUES.workflows,
      workflowId: postWorkflowId(post.id),
      workflowIdConflictPolicy: 'USE_EXISTING' as const,
      args: [input] as [PublishPostInput],
      ...(startDelayMs > 0 && { startDelay: startDelayMs }),
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.PostId, value: post.id },
        { key: SEARCH_ATTRIBUTES.OrganizationId, value: post.organizationId },
        { key: SEARCH_ATTRIBUTES.IntegrationId, value: post.integrationId },
        { key: SEARCH_ATTRIBUTES.Provider, value: post.provider },
        { key: SEARCH_ATTRIBUTES.PublishAt, value: post.publishAt },
      ],
    },
  };
}
