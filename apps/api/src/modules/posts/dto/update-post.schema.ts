import { z } from 'zod';
import { postValueSchema } from './create-post.schema';

/**
 * PUT /posts/:id (Herald; Postiz has no full update): any of the post's date, zone, items
 * (value[0] the post, value[1..] its thread) and settings. `republish` must be true to publish
 * a published post again.
 */
export const updatePostSchema = z.strictObject({
  date: z.string().optional(),
  timeZone: z.string().optional(),
  value: z.array(postValueSchema).min(1, 'must hold the post').optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  republish: z.boolean().optional(),
});
export type UpdatePostBody = z.infer<typeof updatePostSchema>;

/** PUT /posts/:id/status (Postiz). */
export const postStatusSchema = z.looseObject({
  status: z.enum(['draft', 'schedule'], { error: 'must be draft or schedule' }),
});

/** PUT /posts/:id/settings (Postiz): merged into the post's settings. */
export const postSettingsSchema = z.looseObject({
  settings: z.record(z.string(), z.unknown(), { error: 'must be an object of provider settings' }),
});

/** PUT /posts/group/:group (Herald): move every post of the group. */
export const moveGroupSchema = z.strictObject({
  date: z.string({ error: 'is required (ISO 8601 with an offset)' }),
  timeZone: z.string().optional(),
});

/** POST /posts/:id/publish-now (Herald). */
export const publishNowSchema = z.strictObject({ republish: z.boolean().optional() }).default({});
