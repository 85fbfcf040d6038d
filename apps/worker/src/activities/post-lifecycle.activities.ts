import type { PostLifecycleActivities } from '@herald/contracts';
import type { PostRepository } from '@herald/db';
import type { Logger } from '@herald/config';

export interface PostLifecycleDeps {
  posts: PostRepository;
  now: () => Date;
  logger: Logger;
}

/** Herald's own bookkeeping, run on the workflow task queue. */
export function createPostLifecycleActivities({ posts, now, logger }: PostLifecycleDeps): PostLifecycleActivities {
  return {
    async claimPostForPublishing({ organizationId, postId, runId }) {
      const outcome = await posts.claimForPublishing(organizationId, postId, runId, now());
      logger.info({ organizationId, postId, runId, claim: outcome.kind }, 'publish claim');
      if (outcome.kind === 'not-yet') return { kind: 'not-yet', publishAt: outcome.publishAt.toISOString() };
      return outcome;
    },

    async markPostPublished({ organizationId, postId, releaseId, releaseUrl }) {
      await posts.markPublished(organizationId, postId, { releaseId, releaseUrl }, now());
      logger.info({ organizationId, postId, releaseId, releaseUrl }, 'post published');
    },

    async markPostFailed({ organizationId, postId, code, message }) {
      await posts.markFailed(organizationId, postId, { code, message });
      logger.warn({ organizationId, postId, code, errorMessage: message }, 'post failed');
    },
  };
}
