import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  PUBLISH_POST_WORKFLOW,
  type PublishTiming,
  RETIRED_PUBLISH_WORKFLOWS,
  SEARCH_ATTRIBUTES,
  reschedulePostSignal,
  type SweepActivities,
  postWorkflowId,
  publishWorkflowStart,
} from '@herald/contracts';
import type { Logger } from '@herald/config';
import type { ActivePost, PostRepository } from '@herald/db';

interface RunningExecution {
  type: string;
  /** The publish time it waits for (its PublishAt search attribute). */
  publishAt: number | undefined;
}

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
  /** The post's running execution, if any: its type and the publish time it waits for. */
  async function describeRunning(workflowId: string): Promise<RunningExecution | undefined> {
    try {
      const execution = await client.workflow.getHandle(workflowId).describe();
      if (execution.status.name !== 'RUNNING') return undefined;
      return { type: execution.type, publishAt: execution.typedSearchAttributes.get(SEARCH_ATTRIBUTES.PublishAt)?.getTime() };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * A move whose signal was lost (Temporal was unreachable when the API saved it): the workflow
   * still waits for the old time. Postgres has the last word; the signal is idempotent. Sent
   * with signal-with-start, as the API does: a plain signal would wait out the start delay.
   */
  async function resendLostMove(post: ActivePost, waitingFor: number | undefined): Promise<boolean> {
    if (post.state !== 'QUEUE' || waitingFor === undefined || Math.abs(waitingFor - post.publishAt.getTime()) < 1_000) return false;
    const { workflowType, options } = publishWorkflowStart(post, timing);
    await client.workflow.signalWithStart(workflowType, {
      ...options,
      signal: reschedulePostSignal,
      signalArgs: [{ publishAt: post.publishAt.toISOString() }],
    });
    logger.warn(
      { postId: post.id, organizationId: post.organizationId, workflowId: postWorkflowId(post.id), publishAt: post.publishAt.toISOString() },
      'resent a move the workflow had not received',
    );
    return true;
  }

  return {
    async sweepStrandedPosts(input) {
      const createdBefore = new Date(now().getTime() - graceMs);
      const dueBefore = input?.dueBefore ? new Date(input.dueBefore) : undefined;
      // Visibility is a cheap first answer for thousands of posts; it may lag, so a post it does
      // not list is checked against the execution itself before anything is started.
      // Each running workflow with its type and the publish time it waits for (its PublishAt).
      const running = new Map<string, RunningExecution>();
      const types = [PUBLISH_POST_WORKFLOW, ...RETIRED_PUBLISH_WORKFLOWS].map((t) => `'${t}'`).join(', ');
      const window = dueBefore ? ` AND PublishAt < '${dueBefore.toISOString()}'` : '';
      for await (const execution of client.workflow.list({ query: `WorkflowType IN (${types}) AND ExecutionStatus = 'Running'${window}` })) {
        running.set(execution.workflowId, {
          type: execution.type,
          publishAt: execution.typedSearchAttributes.get(SEARCH_ATTRIBUTES.PublishAt)?.getTime(),
        });
      }

      let checked = 0;
      const restarted: string[] = [];
      const moved: string[] = [];
      let afterId: string | undefined;
      for (;;) {
        const batch = await posts.listActive(createdBefore, afterId, 1000, dueBefore);
        if (batch.length === 0) break;
        afterId = batch[batch.length - 1]!.id;
        Context.current().heartbeat(afterId);
        for (const post of batch) {
          checked++;
          const workflowId = postWorkflowId(post.id);
          const execution = running.get(workflowId) ?? (await describeRunning(workflowId));
          const type = execution?.type;
          if (type === PUBLISH_POST_WORKFLOW) {
            if (await resendLostMove(post, execution?.publishAt)) moved.push(post.id);
            continue;
          }
          // None runs, or one of a retired type that no worker can run any more: replace it.
          // Terminating a run mid-publish is safe: the new run takes the post over and asks the
          // network what the old one did before doing anything.
          const retired = type !== undefined;
          const { workflowType, options } = publishWorkflowStart(post, timing, post.state === 'PUBLISHING');
          await client.workflow.start(workflowType, { ...options, ...(retired && { workflowIdConflictPolicy: 'TERMINATE_EXISTING' as const }) });
          await posts.setWorkflowIds(post.organizationId, [{ postId: post.id, workflowId }]);
          restarted.push(post.id);
          logger.warn(
            { postId: post.id, organizationId: post.organizationId, workflowId, state: post.state, ...(retired && { replacedType: type }) },
            retired ? 'replaced the workflow of a retired type' : 'started the workflow of a post that had none',
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
