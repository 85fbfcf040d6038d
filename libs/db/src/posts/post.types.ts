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
  | { kind: 'claimed'; provider: ProviderId; integrationId: string }
  | { kind: 'not-yet'; publishAt: Date }
  | { kind: 'skip'; reason: string };

export interface GroupDeletion {
  deletedIds: string[];
  /** Posts being published right now: deleting them could not stop the network. */
  publishingIds: string[];
}
