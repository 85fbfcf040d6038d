import type { ClaimInput, ClaimResult, PostOutcomeEvent } from '@herald/contracts';
import { type PreparedPublish, networkOf } from '@herald/domain';
import type { ClaimRequest, PostForPublish, PostRepository } from '@herald/db';
import type { Logger } from '@herald/config';
import type { PublishMetrics } from '../metrics/publish-metrics';
import { MicroBatch } from '../runtime/micro-batch';
import { createOutcomeNotify } from './outcome-notify.util';
import { postLogger } from './post-logger.util';

export interface PublishClaimDeps {
  posts: PostRepository;
  now: () => Date;
  logger: Logger;
  metrics: PublishMetrics;
  notifyOutcome: (event: PostOutcomeEvent) => Promise<void>;
}

/** The claim, and the post as it found it when it claimed it afresh (the staged step publishes that). */
export type PublishClaim = (input: ClaimInput) => Promise<{ claim: ClaimResult; post?: PostForPublish }>;

/**
 * The claim of a post for publishing, shared by the lifecycle activity and the staged step at
 * the publish time; the claims made in one turn of the event loop go to Postgres together. A claim that finds the post too late records it ERROR MISSED_TIME itself, so
 * that very call counts and notifies it (a retry would find the post ERROR and skip it).
 */
export function createPublishClaim({ posts, now, logger, metrics, notifyOutcome }: PublishClaimDeps): PublishClaim {
  const notify = createOutcomeNotify(notifyOutcome, logger);
  // Posts held for one instant are claimed together, in one statement.
  const claims = new MicroBatch((requests: ClaimRequest[]) => posts.claimManyForPublishing(requests, now()));
  return async (input) => {
    const { organizationId, postId, claimToken, takeOver, publishAt } = input;
    const outcome = await claims.call({
      organizationId,
      postId,
      claimToken,
      ...(takeOver && { takeOver }),
      ...(publishAt && { expectedPublishAt: new Date(publishAt) }),
    });
    postLogger(logger, input).info({ claimToken, claim: outcome.kind, takeOver }, 'publish claim');
    switch (outcome.kind) {
      case 'not-yet':
        return { claim: { kind: 'not-yet', publishAt: outcome.publishAt.toISOString() } };
      case 'claimed': {
        const { resume, post, ...claimed } = outcome;
        if (!resume) return { claim: claimed, ...(post && { post }) };
        return {
          claim: {
            ...claimed,
            resume: {
              prepared: resume.prepared as PreparedPublish,
              ...(resume.commitStartedAt && { commitStartedAt: resume.commitStartedAt.toISOString() }),
            },
          },
        };
      }
      case 'missed':
        if (outcome.provider) metrics.failed(networkOf(outcome.provider), 'MISSED_TIME');
        await notify(input, 'post.failed');
        return { claim: { kind: 'missed', message: outcome.message } };
      default:
        return { claim: outcome };
    }
  };
}
