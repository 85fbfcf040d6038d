import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  PUBLISH_POST_WORKFLOW,
  type PublishPostWorkflow,
  SEARCH_ATTRIBUTES,
  TASK_QUEUES,
  postWorkflowId,
} from '@herald/contracts';
import type { ApiConfig } from '@herald/config';
import type { PostRecord } from '@herald/db';
import { AppError } from '../../common/app-error';
import { API_CONFIG, TEMPORAL_CLIENT } from '../../infrastructure/tokens';

/** Starts and cancels publish workflows. The API names the workflow; it never imports the worker. */
@Injectable()
export class PublishScheduler {
  private readonly logger = new Logger(PublishScheduler.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Idempotent: starting a post's workflow twice finds the running one. */
  async start(post: PostRecord): Promise<string> {
    const workflowId = postWorkflowId(post.id);
    try {
      await this.client.withDeadline(Date.now() + this.config.TEMPORAL_START_TIMEOUT_MS, () =>
        this.client.workflow.start<PublishPostWorkflow>(PUBLISH_POST_WORKFLOW, {
          taskQueue: TASK_QUEUES.workflows,
          workflowId,
          workflowIdConflictPolicy: 'USE_EXISTING',
          args: [
            {
              organizationId: post.organizationId,
              postId: post.id,
              publishAt: post.publishAt.toISOString(),
              timing: {
                checkIntervalMs: this.config.PUBLISH_CHECK_INTERVAL_MS,
                prepareDeadlineMs: this.config.PUBLISH_PREPARE_DEADLINE_MS,
                commitTimeoutMs: this.config.PUBLISH_COMMIT_TIMEOUT_MS,
                confirmDeadlineMs: this.config.PUBLISH_CONFIRM_DEADLINE_MS,
              },
            },
          ],
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.PostId, value: post.id },
            { key: SEARCH_ATTRIBUTES.OrganizationId, value: post.organizationId },
            { key: SEARCH_ATTRIBUTES.IntegrationId, value: post.integrationId },
            { key: SEARCH_ATTRIBUTES.Provider, value: post.integration.provider },
            { key: SEARCH_ATTRIBUTES.PublishAt, value: post.publishAt },
          ],
        }),
      );
      return workflowId;
    } catch (error) {
      this.logger.warn(`could not start ${workflowId}: ${error instanceof Error ? error.message : String(error)}`);
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        'The scheduler (Temporal) is not reachable, so the post was not saved. Try again in a moment.',
        { dependency: 'temporal' },
      );
    }
  }

  /**
   * Cancels a pending publish. Best effort: Postgres already says the post is deleted, and the
   * workflow checks Postgres before publishing, so a cancel lost while Temporal is down is harmless.
   */
  async cancel(postId: string): Promise<void> {
    const workflowId = postWorkflowId(postId);
    try {
      await this.client.withDeadline(Date.now() + this.config.TEMPORAL_START_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(workflowId).cancel(),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      this.logger.warn(`could not cancel ${workflowId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  workflowUrl(workflowId: string): string {
    return `${this.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  }
}
