import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { type PublishPostWorkflow, postWorkflowId, publishNowSignal, publishWorkflowStart, reschedulePostSignal } from '@herald/contracts';
import { type ApiConfig, type Logger, publishTimingFrom } from '@herald/config';
import type { PostRecord } from '@herald/db';
import { AppError } from '../../common/app-error';
import { API_CONFIG, LOGGER, TEMPORAL_CLIENT } from '../../infrastructure/tokens';

/** Starts and cancels publish workflows. The API names the workflow; it never imports the worker. */
@Injectable()
export class PublishScheduler {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: starting a post's workflow twice finds the running one. */
  async start(post: PostRecord): Promise<string> {
    const { workflowType, options } = publishWorkflowStart(
      { ...post, provider: post.integration.provider },
      publishTimingFrom(this.config),
    );
    // The post's fields on the line itself: a child logger per post costs more than the line.
    const fields = { postId: post.id, organizationId: post.organizationId, workflowId: options.workflowId };
    try {
      await this.client.withDeadline(Date.now() + this.config.TEMPORAL_START_TIMEOUT_MS, () =>
        this.client.workflow.start<PublishPostWorkflow>(workflowType, options),
      );
      this.logger.info({ ...fields, publishAt: post.publishAt.toISOString() }, 'publish workflow started');
      return options.workflowId;
    } catch (error) {
      this.logger.warn({ ...fields, err: errorText(error) }, 'could not start the publish workflow');
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        'The scheduler (Temporal) is not reachable right now.',
        { dependency: 'temporal' },
      );
    }
  }

  /**
   * Tells the post's workflow its time changed (from Postgres, which already holds it), or starts
   * one if none runs (a draft or a failed post scheduled, a published one republished). Signal-
   * with-start does both atomically. 'pending' when Temporal cannot be reached: the sweep compares
   * each waiting workflow's PublishAt with Postgres and sends the signal itself later.
   */
  async reschedule(post: PostRecord, now = false): Promise<'started' | 'pending'> {
    const { workflowType, options } = publishWorkflowStart(
      { ...post, provider: post.integration.provider },
      publishTimingFrom(this.config),
    );
    const log = this.logger.child({ postId: post.id, organizationId: post.organizationId, workflowId: options.workflowId });
    try {
      await this.client.withDeadline(Date.now() + this.config.TEMPORAL_START_TIMEOUT_MS, () =>
        now
          ? this.client.workflow.signalWithStart(workflowType, {
              ...options,
              signal: publishNowSignal,
              signalArgs: [{ publishAt: post.publishAt.toISOString() }],
            })
          : this.client.workflow.signalWithStart(workflowType, {
              ...options,
              signal: reschedulePostSignal,
              signalArgs: [{ publishAt: post.publishAt.toISOString() }],
            }),
      );
      log.info({ publishAt: post.publishAt.toISOString(), now }, 'publish workflow rescheduled');
      return 'started';
    } catch (error) {
      log.warn({ err: errorText(error) }, 'could not reach the publish workflow; the sweep will');
      return 'pending';
    }
  }

  /**
   * Cancels a pending publish. Best effort: Postgres already says the post is deleted, and the
   * workflow checks Postgres before publishing, so a cancel lost while Temporal is down is harmless.
   */
  async cancel(organizationId: string, postId: string): Promise<void> {
    const workflowId = postWorkflowId(postId);
    const log = this.logger.child({ postId, organizationId, workflowId });
    try {
      await this.client.withDeadline(Date.now() + this.config.TEMPORAL_START_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(workflowId).cancel(),
      );
      log.info('publish workflow cancelled');
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      log.warn({ err: errorText(error) }, 'could not cancel the publish workflow');
    }
  }

  workflowUrl(workflowId: string): string {
    return `${this.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
