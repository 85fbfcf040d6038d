import { type RepeatRule, isErrorCode, isProviderId, type MediaRef, type PostState } from '@herald/domain';
import type { Prisma } from '../generated/prisma/client';
import type { NewPost, PostRecord, ThreadItemRecord } from './post.types';

/** The post's own columns of a PostRecord. */
export const POST_COLUMNS = {
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
  threadPosition: true,
  delayMinutes: true,
  repeatId: true,
  occurrence: true,
} as const;

export const POST_SELECT = {
  ...POST_COLUMNS,
  repeat: { select: { id: true, rule: true, stoppedAt: true } },
  integration: { select: { id: true, name: true, provider: true, picture: true, profile: true } },
  threadItems: {
    where: { deletedAt: null },
    orderBy: { threadPosition: 'asc' },
    select: {
      id: true,
      content: true,
      media: true,
      delayMinutes: true,
      threadPosition: true,
      state: true,
      errorCode: true,
      errorMessage: true,
      releaseId: true,
      releaseUrl: true,
      publishedAt: true,
    },
  },
} as const;

type ThreadRow = Omit<ThreadItemRecord, 'state' | 'media' | 'errorCode'> & { state: string; media: unknown; errorCode: string | null };

type Row = Omit<PostRecord, 'state' | 'media' | 'settings' | 'errorCode' | 'integration' | 'thread' | 'repeat'> & {
  repeat: { id: string; rule: unknown; stoppedAt: Date | null } | null;
  state: string;
  media: unknown;
  settings: unknown;
  errorCode: string | null;
  integration: Omit<PostRecord['integration'], 'provider'> & { provider: string };
  threadItems: ThreadRow[];
};

/** The row of a new post (a root; thread items are written by insertThread). */
export function postRow(organizationId: string, post: NewPost): Prisma.PostUncheckedCreateInput {
  return {
    organizationId,
    integrationId: post.integrationId,
    group: post.group,
    state: post.state,
    publishAt: post.publishAt,
    timeZone: post.timeZone ?? null,
    content: post.content,
    media: post.media as unknown as Prisma.InputJsonValue,
    settings: post.settings as Prisma.InputJsonValue,
    creationMethod: post.creationMethod,
    ...(post.repeat && { repeatId: post.repeat.repeatId, occurrence: post.repeat.occurrence, occurrenceAt: post.repeat.occurrenceAt }),
  };
}

export function asMedia(value: unknown): MediaRef[] {
  return Array.isArray(value) ? (value as MediaRef[]) : [];
}

export function asSettings(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function toPostRecord(row: Row): PostRecord {
  const provider = row.integration.provider;
  if (!isProviderId(provider)) throw new Error(`Post ${row.id}: unknown provider ${provider}`);
  const { threadItems, ...rest } = row;
  return {
    ...rest,
    state: row.state as PostState,
    media: asMedia(row.media),
    settings: asSettings(row.settings),
    errorCode: isErrorCode(row.errorCode) ? row.errorCode : null,
    integration: { ...row.integration, provider },
    repeat: row.repeat && { ...row.repeat, rule: row.repeat.rule as RepeatRule },
    thread: threadItems.map((item) => ({
      ...item,
      state: item.state as PostState,
      media: asMedia(item.media),
      errorCode: isErrorCode(item.errorCode) ? item.errorCode : null,
    })),
  };
}
