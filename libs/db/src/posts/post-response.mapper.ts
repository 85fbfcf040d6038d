import { toPostizState } from '@herald/domain';
import type { ListedPost } from './post.types';

/**
 * A post as Postiz clients read it, plus what Postiz lacks: Herald's own state (with
 * PUBLISHING), the error in plain words with its code, and the link to the workflow.
 */
export function toPostResponse(post: ListedPost, workflowUrl: (workflowId: string) => string) {
  // A calendar month maps thousands of posts: the instant is formatted once.
  const publishAt = post.publishAt.toISOString();
  return {
    id: post.id,
    content: post.content,
    publishDate: publishAt,
    releaseURL: post.releaseUrl,
    releaseId: post.releaseId,
    state: toPostizState(post.state),
    // Postiz's repeat field: set for a repeat every N days.
    intervalInDays: post.repeat && !post.repeat.stoppedAt && post.repeat.rule.frequency === 'daily' ? post.repeat.rule.interval : null,
    group: post.group,
    creationMethod: post.creationMethod,
    settings: { __type: post.integration.provider, ...post.settings },
    tags: [],
    image: post.media.map((m) => ({ id: m.id ?? null, path: m.path })),
    integration: {
      id: post.integration.id,
      providerIdentifier: post.integration.provider,
      name: post.integration.name,
      picture: post.integration.picture,
    },
    // Herald's additions
    heraldState: post.state,
    publishAt,
    timeZone: post.timeZone,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    error: post.errorMessage,
    errorCode: post.errorCode,
    workflowId: post.workflowId,
    workflowUrl: post.workflowId ? workflowUrl(post.workflowId) : null,
    /** The comments published after the post, in order, each with its own outcome. */
    thread: post.thread.map((item) => ({
      id: item.id,
      content: item.content,
      delay: item.delayMinutes,
      state: toPostizState(item.state),
      heraldState: item.state,
      releaseId: item.releaseId,
      releaseURL: item.releaseUrl,
      publishedAt: item.publishedAt?.toISOString() ?? null,
      error: item.errorMessage,
      errorCode: item.errorCode,
    })),
    parentPostId: post.parentPostId,
    /** The repeat this post is an occurrence of: its rule (wall-clock time in its zone) and number. */
    repeat: post.repeat && {
      id: post.repeat.id,
      ...post.repeat.rule,
      occurrence: post.occurrence,
      stoppedAt: post.repeat.stoppedAt?.toISOString() ?? null,
    },
  };
}

export type PostResponse = ReturnType<typeof toPostResponse>;
