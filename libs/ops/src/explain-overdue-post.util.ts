import { TASK_QUEUES, postWorkflowId, publishQueueOf } from '@herald/contracts';
import { networkOf, PROVIDER_DISPLAY_NAMES } from '@herald/domain';
import type { OverduePost } from '@herald/db';
import { formatDuration } from './format-duration.util';

/** What Temporal says about a post's workflow. */
export type WorkflowFact =
  | { kind: 'running' }
  | { kind: 'missing' }
  /** Not running: COMPLETED, TERMINATED, … (as Temporal spells it). */
  | { kind: 'closed'; status: string }
  | { kind: 'unknown'; because: string };

export interface OverdueFacts {
  /** Per task queue name: does a worker poll it? Absent when Temporal could not say. */
  polled: ReadonlyMap<string, boolean>;
  workflow: WorkflowFact;
  now: Date;
}

export interface OverdueExplanation {
  postId: string;
  workflowId: string;
  /** One line an operator reads: which post, how late, and why. */
  line: string;
  reasons: string[];
  fixes: string[];
}

/** Why a post that should have been published is still waiting, from the facts gathered about it. */
export function explainOverduePost(post: OverduePost, facts: OverdueFacts): OverdueExplanation {
  const workflowId = post.workflowId ?? postWorkflowId(post.id);
  const reasons: string[] = [];
  const fixes: string[] = [];

  const queues = [TASK_QUEUES.workflows, publishQueueOf(networkOf(post.channel.provider))];
  const unpolled = queues.filter((q) => facts.polled.get(q) === false);
  for (const queue of unpolled) reasons.push(`no poller on ${queue}`);
  if (unpolled.length) fixes.push(`start a worker for ${unpolled.join(' and ')}`);

  const workflow = facts.workflow;
  switch (workflow.kind) {
    case 'missing':
      reasons.push(
        post.workflowId
          ? `its workflow ${workflowId} does not exist in Temporal`
          : 'its workflow was never started (Temporal was unreachable when it was saved)',
      );
      fixes.push(`the sweep starts missing workflows once a worker polls ${TASK_QUEUES.workflows}`);
      break;
    case 'closed':
      reasons.push(`its workflow ${workflowId} is ${workflow.status}, not running`);
      fixes.push(`the sweep starts it again once a worker polls ${TASK_QUEUES.workflows}`);
      break;
    case 'unknown':
      reasons.push(`its workflow could not be looked up (${workflow.because})`);
      break;
    case 'running':
      break;
  }

  if (post.channel.deleted) reasons.push('its channel was deleted');
  else if (post.channel.disabled) reasons.push('its channel is disabled');
  else if (post.channel.refreshNeeded) {
    reasons.push('its channel must be reconnected');
    fixes.push('reconnect the channel');
  }

  if (!reasons.length) {
    reasons.push(`its workflow ${workflowId} is running and its queues are polled, yet it has not claimed the post`);
    fixes.push(`look at ${workflowId} in the Temporal UI and at the worker's log`);
  }

  const late = formatDuration(facts.now.getTime() - post.publishAt.getTime());
  const channel = `${PROVIDER_DISPLAY_NAMES[post.channel.provider]} "${post.channel.name}"`;
  const line = `post ${post.id} to ${channel}, due ${post.publishAt.toISOString()} (${late} ago): ${reasons.join('; ')}.`;
  return { postId: post.id, workflowId, line, reasons, fixes };
}
