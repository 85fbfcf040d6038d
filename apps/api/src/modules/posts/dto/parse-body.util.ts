import type { z } from 'zod';
import { AppError } from '../../../common/app-error';
import { fieldPath } from './create-post.schema';

/** Validates a request body, or throws a 400 naming the first wrong field and why. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = fieldPath([...issue.path, key]);
    throw AppError.validation(where, 'is not a field this endpoint takes');
  }
  throw AppError.validation(fieldPath(issue.path) || 'body', issue.message);
}
