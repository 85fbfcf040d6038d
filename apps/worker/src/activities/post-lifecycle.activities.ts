import type { PostLifecycleActivities, PostOutcomeEvent } from '@herald/contracts';
import { networkOf } from '@herald/domain';
import type { PostRecord, PostRepeatRepository, PostRepository, PostThreadRepository } from '@herald/db';
import type { Logger } from '@herald/config';
import type { PublishMetrics } from '../metrics/publish-metrics';
import { createOutcomeNotify } from './outcome-notify.util';
import { postLogger } from './post-logger.util';
import { createPublishClaim } from './publish-claim';

export interface PostLifecycleDeps {
  posts: PostRepository;
  threads: PostThreadRepository;
  repeats: PostRepeatRepository;
  /** Starts a post's publish workflow (idempotent: one workflow id per post). */
  startWorkflow: (post: PostRecord) => Promise<void>;
  now: () => Date;
  logger: Logger;
  metrics: PublishMetrics;
  /** Starts the outcome's webhook deliveries (idempotent per event id); best effort, see below. */
  notifyOutcome: (event: PostOutcomeEvent) => Promise<void>;
}

/**
 * Herald's own bookkeeping, run as local activities of the publish workflow. Outcomes are
 * counted here, not in the workflow (which replays), and only by the call whose write changed
 * the post: Temporal retries these activities, and a retry after a successful write finds
 * nothing to change.
 */
export function createPostLifecycleActivities(deps: PostLifecycleDeps): PostLifecycleActivities {
  const { posts, threads, repeats, startWorkflow, now, logger, metrics, notifyOutcome } = deps;
  const notify = createOutcomeNotify(notifyOutcome, logger);
  const claim = createPublishClaim(deps);

  return {
    async claimPostForPublishing(input) {
      return (await claim(input)).claim;
    },

    async recordCommitAttempt({ organizationId, postId, claimToken, prepared }) {
      return posts.recordCommitAttempt(organizationId, postId, claimToken, prepared, now());
    },

    async markPostPublished(ref) {
      const { organizationId, postId, releaseId, releaseUrl } = ref;
      const publishedAt = now();
      const changed = await posts.markPublished(organizationId, postId, { releaseId, releaseUrl }, publishedAt);
      if (changed) metrics.published(networkOf(changed.provider), changed.publishAt, publishedAt);
      postLogger(logger, ref).info({ releaseId, releaseUrl, recorded: changed !== null }, 'post published');
      if (changed) await notify(ref, 'post.published');
    },

    async markPostFailed(ref) {
      const { organizationId, postId, code, message } = ref;
      const changed = await posts.markFailed(organizationId, postId, { code, message });
      if (changed) metrics.failed(networkOf(changed.provider), code);
      postLogger(logger, ref).warn({ code, errorMessage: message, recorded: changed !== null }, 'post failed');
      try {
        await threads.failPending(organizationId, postId, { code, message: 'The post was not published, so its comments were not either.' });
      } finally {
        // After the comments are failed (the webhook's JSON shows them so), but even if that
        // throws: the retry would find the post recorded and never notify.
        if (changed) await notify(ref, 'post.failed');
      }
    },

    async pendingThread({ organizationId, postId }) {
      return threads.pending(organizationId, postId);
    },

    async startThreadItem(ref) {
      const claim = await threads.start(ref.organizationId, ref.postId, ref.runId, now());
      postLogger(logger, ref).info({ claim: claim.kind, resumed: claim.kind === 'started' && claim.resumed }, 'comment claim');
      return claim.kind === 'started' ? { ...claim, commitStartedAt: claim.commitStartedAt.toISOString() } : claim;
    },

    // Comments are not publications of their own: they are left out of the publish metrics.
    async markThreadItemPublished(ref) {
      const { organizationId, postId, releaseId, releaseUrl } = ref;
      await posts.markPublished(organizationId, postId, { releaseId, releaseUrl }, now());
      postLogger(logger, ref).info({ releaseId }, 'comment published');
    },

    async scheduleNextOccurrence(ref) {
      const next = await repeats.scheduleNext(ref.organizationId, ref.postId, now());
      if (!next) return null;
      await startWorkflow(next);
      postLogger(logger, ref).info({ nextPostId: next.id, publishAt: next.publishAt.toISOString() }, 'next occurrence scheduled');
      return { postId: next.id, publishAt: next.publishAt.toISOString() };
    },

    async failPendingThread({ organizationId, postId, code, message }) {
      await threads.failPending(organizationId, postId, { code, message });
    },

    async markThreadItemFailed(ref) {
      const { organizationId, postId, code, message } = ref;
      await posts.markFailed(organizationId, postId, { code, message });
      postLogger(logger, ref).warn({ code, errorMessage: message }, 'comment failed');
    },

    async waitingPublishAt({ organizationId, postId }) {
      return (await posts.waitingPublishAt(organizationId, postId))?.toISOString() ?? null;
    },
  };
}
