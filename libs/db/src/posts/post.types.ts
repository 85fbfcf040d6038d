import type { ErrorCode, MediaRef, PostState, ProviderId } from '@herald/domain';

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
  integration: PostIntegrationSummary;
}

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

export type ClaimOutcome =
  | {
      kind: 'claimed';
      provider: ProviderId;
      integrationId: string;
      /** After a takeover: what the lost run had prepared, and when it started publishing. */
      resume?: { prepared: unknown; commitStartedAt?: Date };
    }
  | { kind: 'not-yet'; publishAt: Date }
  | { kind: 'skip'; reason: string }
  /** Returned only by the call that recorded the miss; `provider` is absent for a provider Herald does not know. */
  | { kind: 'missed'; message: string; provider?: ProviderId };

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
  state: 'QUEUE' | 'PUBLISHING';
  publishAt: Date;
}

export interface GroupDeletion {
  deletedIds: string[];
  /** Posts being published right now: deleting them could not stop the network. */
  publishingIds: string[];
}
