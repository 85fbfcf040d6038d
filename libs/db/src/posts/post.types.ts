import type { ErrorCode, MediaRef, PostState, ProviderId, RepeatRule } from '@herald/domain';

export interface NewThreadItem {
  content: string;
  media: MediaRef[];
  /** Minutes to wait after the previous item (or the root post) is published. */
  delayMinutes: number;
}

export interface NewPost {
  integrationId: string;
  group: string;
  state: Extract<PostState, 'DRAFT' | 'QUEUE'>;
  publishAt: Date;
  timeZone?: string | null;
  content: string;
  media: MediaRef[];
  settings: Record<string, unknown>;
  creationMethod: string;
  /** Published as comments after the post, in order. */
  thread?: NewThreadItem[];
  /** An occurrence of a repeating post: its number and the instant the rule gives it. */
  repeat?: { repeatId: string; occurrence: number; occurrenceAt: Date };
}

export interface PostListQuery {
  from: Date;
  to: Date;
  states?: readonly PostState[];
  integrationIds?: readonly string[];
  /** Postiz's customer: only posts to that customer's channels. */
  customerId?: string;
  limit?: number;
  /** The last post of the previous page. */
  after?: { publishAt: Date; id: string };
}

/** A thread item as read with its root post. */
export interface ThreadItemRecord {
  id: string;
  content: string;
  media: MediaRef[];
  delayMinutes: number;
  threadPosition: number;
  state: PostState;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  releaseId: string | null;
  releaseUrl: string | null;
  publishedAt: Date | null;
}

export interface PostIntegrationSummary {
  id: string;
  name: string;
  provider: ProviderId;
  picture: string | null;
  profile: string | null;
}

export interface PostRecord {
  id: string;
  organizationId: string;
  integrationId: string;
  group: string;
  parentPostId: string | null;
  state: PostState;
  publishAt: Date;
  timeZone: string | null;
  content: string;
  media: MediaRef[];
  settings: Record<string, unknown>;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  releaseId: string | null;
  releaseUrl: string | null;
  workflowId: string | null;
  creationMethod: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  threadPosition: number;
  delayMinutes: number;
  repeatId: string | null;
  occurrence: number | null;
  /** The repeat this post is an occurrence of. */
  repeat: { id: string; rule: RepeatRule; stoppedAt: Date | null } | null;
  integration: PostIntegrationSummary;
  /** A root post's thread items, in order (empty for an item itself). */
  thread: ThreadItemRecord[];
}

/**
 * A post as the calendar (GET /posts) reads it: every field its answer shows (toPostResponse),
 * without the bookkeeping it does not (the channel and repeat are there as objects).
 */
export type ListedPost = Omit<PostRecord, 'organizationId' | 'integrationId' | 'createdAt' | 'updatedAt' | 'threadPosition' | 'delayMinutes' | 'repeatId'>;

/** What the publishing steps need: the content and the channel it goes to. */
export interface PostForPublish {
  id: string;
  organizationId: string;
  state: PostState;
  deleted: boolean;
  content: string;
  media: MediaRef[];
  settings: Record<string, unknown>;
  integration: {
    id: string;
    provider: ProviderId;
    internalId: string;
    disabled: boolean;
    refreshNeeded: boolean;
    deleted: boolean;
  };
}

/** One post to claim for publishing (see PostRepository.claimForPublishing). */
export interface ClaimRequest {
  organizationId: string;
  postId: string;
  claimToken: string;
  expectedPublishAt?: Date;
  takeOver?: boolean;
}

export type ClaimOutcome =
  | {
      kind: 'claimed';
      provider: ProviderId;
      integrationId: string;
      /** After a takeover: what the lost run had prepared, and when it started publishing. */
      resume?: { prepared: unknown; commitStartedAt?: Date };
      /** The post as the claim found it (a fresh claim only): no second read before publishing. */
      post?: PostForPublish;
    }
  | { kind: 'not-yet'; publishAt: Date }
  | { kind: 'skip'; reason: string }
  /** Returned only by the call that recorded the miss; `provider` is absent for a provider Herald does not know. */
  | { kind: 'missed'; message: string; provider?: ProviderId }
  /** Published, with thread items still to go out. */
  | { kind: 'thread'; provider: ProviderId; releaseId: string };

/** What a publish outcome changed, returned only by the call that moved the post out of PUBLISHING. */
export interface PublishTransition {
  provider: ProviderId;
  publishAt: Date;
}

/** A post the sweep looks at: it should have a running workflow. */
export interface ActivePost {
  id: string;
  organizationId: string;
  integrationId: string;
  provider: ProviderId;
  /** PUBLISHED: a root whose comments are still to go out. */
  state: 'QUEUE' | 'PUBLISHING' | 'PUBLISHED';
  publishAt: Date;
}

export interface GroupDeletion {
  /** Root posts deleted (their thread items go with them). */
  deletedIds: string[];
  /** Root posts being published right now: deleting them could not stop the network. */
  publishingIds: string[];
  /** Root posts already published: they stay on the network, and in Herald's record. */
  publishedIds: string[];
}
