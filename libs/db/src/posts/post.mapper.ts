import { isErrorCode, isProviderId, type MediaRef, type PostState } from '@herald/domain';
import type { PostRecord } from './post.types';

export const POST_SELECT = {
  id: true,
  organizationId: true,
  integrationId: true,
  group: true,
  parentPostId: true,
  state: true,
  publishAt: true,
  timeZone: true,
  content: true,
  media: true,
  settings: true,
  errorCode: true,
  errorMessage: true,
  releaseId: true,
  releaseUrl: true,
  workflowId: true,
  creationMethod: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
  integration: { select: { id: true, name: true, provider: true, picture: true, profile: true } },
} as const;

type Row = Omit<PostRecord, 'state' | 'media' | 'settings' | 'errorCode' | 'integration'> & {
  state: string;
  media: unknown;
  settings: unknown;
  errorCode: string | null;
  integration: Omit<PostRecord['integration'], 'provider'> & { provider: string };
};

export function asMedia(value: unknown): MediaRef[] {
  return Array.isArray(value) ? (value as MediaRef[]) : [];
}

export function asSettings(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function toPostRecord(row: Row): PostRecord {
  const provider = row.integration.provider;
  if (!isProviderId(provider)) throw new Error(`Post ${row.id}: unknown provider ${provider}`);
  return {
    ...row,
    state: row.state as PostState,
    media: asMedia(row.media),
    settings: asSettings(row.settings),
    errorCode: isErrorCode(row.errorCode) ? row.errorCode : null,
    integration: { ...row.integration, provider },
  };
}
