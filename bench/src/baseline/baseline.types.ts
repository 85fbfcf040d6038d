import type { CommitOutcome, ConfirmCheck, PreparedPublish, PrepareCheck } from '@herald/domain';
import type { PublishContext, PublishablePost } from '@herald/providers';

/** What a bare workflow carries: everything Herald reads from Postgres, given up front. */
export interface BaselinePost {
  ctx: PublishContext;
  post: PublishablePost;
}

export interface BaselineInput extends BaselinePost {
  publishAt: string;
  /** The network's task queue, as Herald runs each network's steps on a queue of its own. */
  activityQueue: string;
  checkIntervalMs: number;
}

/** The provider adapter's steps as bare activities: the same HTTP calls, nothing around them. */
export interface BaselineActivities {
  prepare(input: BaselinePost): Promise<PreparedPublish>;
  check(input: BaselinePost & { prepared: PreparedPublish }): Promise<PrepareCheck>;
  commit(input: BaselinePost & { prepared: PreparedPublish }): Promise<CommitOutcome>;
  confirm(input: BaselinePost & { pending: PreparedPublish }): Promise<ConfirmCheck>;
  permalink(input: BaselinePost & { releaseId: string }): Promise<string | null>;
}

export const BASELINE_WORKFLOW = 'baselinePublishWorkflow';
export const IDLE_WORKFLOW = 'benchIdleWorkflow';
