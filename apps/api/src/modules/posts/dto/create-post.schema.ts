import { z } from 'zod';

// The body of Postiz's POST /public/v1/posts, as its clients send it (the CLI omits `settings`,
// sends random image ids and `shortLink`/`tags`). Unknown keys are kept and ignored, as Postiz does.
const imageSchema = z.looseObject({
  id: z.string().optional(),
  path: z.string({ error: 'is required' }).min(1, 'is required'),
});

export const postValueSchema = z.looseObject({
  id: z.string().optional(),
  content: z.string({ error: 'is required' }),
  delay: z.number().optional(),
  image: z.array(imageSchema).default([]),
});

const postItemSchema = z.looseObject({
  integration: z.looseObject({ id: z.string({ error: 'is required' }).min(1, 'is required') }),
  group: z.string().optional(),
  value: z.array(postValueSchema).min(1, 'must hold the post'),
  settings: z.record(z.string(), z.unknown()).nullish(),
});

export const createPostSchema = z.looseObject({
  /** Postiz's four; Herald adds `queue`: each channel's post takes that channel's next free time slot. */
  type: z.enum(['draft', 'schedule', 'now', 'update', 'queue'], { error: 'must be one of draft, schedule, now, update, queue' }),
  date: z.string().optional(),
  shortLink: z.boolean().optional(),
  tags: z.array(z.unknown()).optional(),
  /** Postiz: repeat every `inter` days. */
  inter: z.number().nullish(),
  /** Herald: { frequency: 'daily' | 'weekly', interval, weekdays?, until? } (libs/domain repeatRuleFrom). */
  repeat: z.unknown().optional(),
  /** Herald: the IANA zone the user scheduled in, kept beside the instant. */
  timeZone: z.string().optional(),
  posts: z.array(postItemSchema).min(1, 'must name at least one channel'),
});

export type CreatePostBody = z.infer<typeof createPostSchema>;
export type PostItem = z.infer<typeof postItemSchema>;

/** `posts[0].value[0].content` from a zod issue path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}
