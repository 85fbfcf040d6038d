/** One workflow per post, keyed by the post: starting it twice finds the same execution. */
export function postWorkflowId(postId: string): string {
  return `post:${postId}`;
}
