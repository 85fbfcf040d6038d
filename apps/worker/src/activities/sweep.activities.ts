import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  PUBLISH_POST_WORKFLOW,
  type PublishTiming,
  SEARCH_ATTRIBUTES,
  reschedulePostSignal,
  type SweepActivities,
  postWorkflowId,
  publishWorkflowStart,
} from '@herald/contracts';
import type { Logger } from '@herald/config';
import type { ActivePost, PostRepository } from '@herald/db';

export interface SweepDeps {
  posts: PostRepository;
  client: Client;
  timing: PublishTiming;
  /** Posts younger than this are left alone: the API may still be starting their workflow. */
  graceMs: number;
  now: () => Date;
  logger: Logger;
}

/**
 * Compares what Postgres says should be waiting or publishing with what Temporal runs, and
 * starts the missing workflows. Starting is idempotent (one workflow id per post, USE_EXISTING),
 * and a post left PUBLISHING by a lost run is taken over by a run that first asks the network
 * what happened: the sweep can never cause a second publication.
 */
export function createSweepActivities({ posts, client, timing, graceMs, now, logger }: SweepDeps): SweepActivities {
  async function isRunning(workflowId: string): Promise<boolean> {
    try {
      return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /**
   * A move whose signal was lost (Temporal was unreachable when the API saved it): the workflow
   * still waits for the old time. Postgres has the last word; the signal is idempotent.
   */
  async function resendLostMove(post: ActivePost, waitingFor: number | undefined): Promise<boolean> {
    if (post.state !== 'QUEUE' || waitingFor === undefined || Math.abs(waitingFor - post.publishAt.getTime()) < 1_000) return false;
    await client.workflow.getHandle(postWorkflowId(post.id)).signal(reschedulePostSignal, { publishAt: post.publishAt.toISOString() });
    logger.warn(
      { postId: post.id, organizationId: post.organizationId, workflowId: postWorkflowId(post.id), publishAt: post.publishAt.toISOString() },
      'resent a move the workflow had not received',
    );
    return true;
  }

  return {
    async sweepStrandedPosts() {
      const createdBefore = new Date(now().getTime() - graceMs);
      // Visibility is a cheap first answer for thousands of posts; it may lag, so a post it does
      // not list is checked against the execution itself before anything is started.
      // Each running workflow with the publish time it waits for (its PublishAt search attribute).
      const running = new Map<string, number | undefined>();
      for await (const execution of client.workflow.list({
        query: `WorkflowType = '${PUBLISH_POST_WORKFLOW}' AND ExecutionStatus = 'Running'`,
      })) {
        running.set(execution.workflowId, execution.typedSearchAttributes.get(SEARCH_ATTRIBUTES.PublishAt)?.getTime());
      }

      let checked = 0;
      const restarted: string[] = [];
      const moved: string[] = [];
      let afterId: string | undefined;
      for (;;) {
        const batch = await posts.listActive(createdBefore, afterId);
        if (batch.length === 0) break;
        afterId = batch[batch.length - 1]!.id;
        Context.current().heartbeat(afterId);
        for (const post of batch) {
          checked++;
          const workflowId = postWorkflowId(post.id);
          if (running.has(workflowId)) {
            if (await resendLostMove(post, running.get(workflowId))) moved.push(post.id);
            continue;
          }
          if (await isRunning(workflowId)) continue;
          const { workflowType, options } = publishWorkflowStart(post, timing, post.state === 'PUBLISHING');
          await client.workflow.start(workflowType, options);
          await posts.setWorkflowIds(post.organizationId, [{ postId: post.id, workflowId }]);
          restarted.push(post.id);
          logger.warn(
            { postId: post.id, organizationId: post.organizationId, workflowId, state: post.state },
            'started the workflow of a post that had none',
          );
        }
      }
      if (restarted.length > 0 || moved.length > 0) {
        logger.warn({ checked, restarted: restarted.length, moved: moved.length }, 'sweep restarted stranded posts and resent lost moves');
      }
      // A post saved while Temporal was away, just before it came back, must not wait a whole interval.
      const youngest = await posts.oldestWithoutWorkflowSince(createdBefore);
      const recheckInMs = youngest ? Math.max(1_000, youngest.getTime() + graceMs - now().getTime()) : undefined;
      return { checked, restarted, ...(recheckInMs !== undefined && { recheckInMs }) };
    },
  };
}
