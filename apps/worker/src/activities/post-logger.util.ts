import { Context } from '@temporalio/activity';
import type { PostRef } from '@herald/contracts';
import type { Logger } from '@herald/config';

/**
 * The logger for one post inside an activity: every line carries the post, its organization
 * and the workflow that runs it, so that one search finds a post's whole story.
 */
export function postLogger(logger: Logger, { organizationId, postId }: PostRef): Logger {
  // Absent only for an activity started outside a workflow, which Herald never does.
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  return logger.child({ organizationId, postId, workflowId });
}
