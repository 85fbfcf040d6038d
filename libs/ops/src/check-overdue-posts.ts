import { postWorkflowId } from '@herald/contracts';
import type { OverduePost } from '@herald/db';
import { type CheckResult, checkResult } from './check-result';
import { type OverdueExplanation, type WorkflowFact, explainOverduePost } from './explain-overdue-post.util';
import { formatDuration } from './format-duration.util';

export const OVERDUE_POSTS_CHECK = 'overdue-posts';

/**
 * A QUEUE post this far past its time counts as overdue. A healthy workflow claims its post
 * within a second or two of the timer; the margin covers a worker catching up after a restart.
 */
export const OVERDUE_GRACE_MS = 30_000;

/** How many overdue posts the doctor looks at in detail (each costs a Temporal describe). */
export const OVERDUE_DETAIL_LIMIT = 20;

export interface OverduePostsInput {
  overdue: { total: number; posts: readonly OverduePost[] };
  /** Per task queue name: does a worker poll it? Empty when Temporal could not say. */
  polled: ReadonlyMap<string, boolean>;
  /** Looks up a post's workflow; never throws (an answer of 'unknown' says why). */
  describeWorkflow: (workflowId: string) => Promise<WorkflowFact>;
  now: Date;
}

export interface OverduePostsData {
  total: number;
  posts: OverdueExplanation[];
}

/** Posts still in QUEUE after their publish time, each with why it is stuck and what to do. */
export async function checkOverduePosts(input: OverduePostsInput): Promise<CheckResult<OverduePostsData>> {
  const { overdue, polled, now } = input;
  if (overdue.total === 0) {
    return checkResult(OVERDUE_POSTS_CHECK, 'ok', `No post is more than ${formatDuration(OVERDUE_GRACE_MS)} past its publish time.`, now, {
      data: { total: 0, posts: [] },
    });
  }

  const explanations = await Promise.all(
    overdue.posts.map(async (post) => {
      const workflow = await input.describeWorkflow(post.workflowId ?? postWorkflowId(post.id));
      return explainOverduePost(post, { polled, workflow, now });
    }),
  );
  const more = overdue.total - explanations.length;
  const detail = [
    `${overdue.total} post${overdue.total === 1 ? ' is' : 's are'} past ${overdue.total === 1 ? 'its' : 'their'} publish time and still waiting:`,
    ...explanations.map((e) => `- ${e.line}`),
    ...(more > 0 ? [`- and ${more} more.`] : []),
  ].join('\n');
  const fixes = [...new Set(explanations.flatMap((e) => e.fixes))];
  return checkResult(OVERDUE_POSTS_CHECK, 'fail', detail, now, {
    fix: fixes.length ? `${capitalize(fixes.join('; '))}.` : undefined,
    data: { total: overdue.total, posts: explanations },
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
