import { z } from 'zod';

/** POST /webhooks: where to send post outcomes, and for which channels (none named: every channel). */
export const createWebhookSchema = z.strictObject({
  name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  url: z.string({ error: 'is required (an http or https URL)' }).trim().max(2048, 'must be at most 2048 characters'),
  integrations: z
    .array(z.string({ error: 'must be a channel id' }).trim().min(1, 'must be a channel id'), { error: 'must be a list of channel ids' })
    .optional()
    .default([]),
});
export type CreateWebhookBody = z.infer<typeof createWebhookSchema>;
