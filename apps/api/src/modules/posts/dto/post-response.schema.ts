import { z } from 'zod';
import { POST_STATES } from '@herald/domain';

// The answers of the posts routes, for /api/docs. The mapper (post-response.mapper.ts) builds
// them; the OpenAPI test checks real answers against these, so the two stay one shape.
const postizState = z.enum(['DRAFT', 'QUEUE', 'PUBLISHED', 'ERROR']);
const heraldState = z.enum(POST_STATES);
const nullableString = z.string().nullable();
const isoInstant = z.string().describe('ISO 8601 in UTC, with Z');

export const threadItemResponseSchema = z.object({
  id: z.string(),
  content: z.string(),
  delay: z.number().int().describe('minutes after the item before it'),
  state: postizState,
  heraldState,
  releaseId: nullableString,
  releaseURL: nullableString,
  publishedAt: isoInstant.nullable(),
  error: nullableString,
  errorCode: nullableString,
});

export const postResponseSchema = z.object({
  id: z.string(),
  content: z.string(),
  publishDate: isoInstant,
  releaseURL: nullableString,
  releaseId: nullableString,
  state: postizState.describe("Postiz's four states: PUBLISHING shows as QUEUE"),
  intervalInDays: z.number().int().nullable(),
  group: z.string(),
  creationMethod: z.string(),
  settings: z.record(z.string(), z.unknown()),
  tags: z.array(z.unknown()),
  image: z.array(z.object({ id: nullableString, path: z.string() })),
  integration: z.object({ id: z.string(), providerIdentifier: z.string(), name: z.string(), picture: nullableString }),
  heraldState,
  publishAt: isoInstant,
  timeZone: nullableString,
  publishedAt: isoInstant.nullable(),
  error: nullableString.describe('what went wrong, in words a user can act on'),
  errorCode: nullableString,
  workflowId: nullableString,
  workflowUrl: nullableString.describe("the post's workflow in the Temporal UI"),
  thread: z.array(threadItemResponseSchema),
  parentPostId: nullableString,
  repeat: z
    .object({
      id: z.string(),
      frequency: z.enum(['daily', 'weekly']),
      interval: z.number().int(),
      weekdays: z.array(z.number().int()).optional(),
      time: z.string(),
      timeZone: z.string(),
      startsOn: z.string(),
      until: z.string().optional(),
      occurrence: z.number().int().nullable(),
      stoppedAt: isoInstant.nullable(),
    })
    .nullable(),
});

const workflowFields = {
  workflow: z.enum(['started', 'pending']).nullable().describe('pending: Temporal was away; the change is saved and followed when it is back'),
  warning: z.string().optional(),
};

export const changedPostResponseSchema = postResponseSchema.extend(workflowFields);

export const createdPostsResponseSchema = z.array(
  z.object({ postId: z.string(), integration: z.string(), group: z.string(), state: heraldState, publishAt: isoInstant, ...workflowFields }),
);

export const postListResponseSchema = z.object({ posts: z.array(postResponseSchema), nextCursor: z.string().nullable() });

export const deletedResponseSchema = z.object({ error: z.literal(false), deleted: z.array(z.string()) });
