import { z } from 'zod';
import { POST_STATES } from '@herald/domain';

const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/**
 * GET /posts: Postiz's startDate, endDate and customer, plus Herald's filters and pages. Without
 * `limit` every post of the period comes back, as Postiz clients expect.
 */
export const listPostsSchema = z.looseObject({
  startDate: z.string({ error: 'is required (ISO 8601 with an offset)' }),
  endDate: z.string({ error: 'is required (ISO 8601 with an offset)' }),
  customer: z.string().min(1).optional(),
  state: commaList.pipe(z.array(z.enum(POST_STATES, { error: `must be among ${POST_STATES.join(', ')}` }))).optional(),
  integration: commaList.optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
  cursor: z.string().min(1).optional(),
});

/** The position after a page's last post, opaque to clients. */
export function encodeCursor(post: { publishAt: Date; id: string }): string {
  return Buffer.from(`${post.publishAt.toISOString()}|${post.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { publishAt: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const publishAt = new Date(at ?? '');
  return id && !Number.isNaN(publishAt.getTime()) ? { publishAt, id } : undefined;
}
