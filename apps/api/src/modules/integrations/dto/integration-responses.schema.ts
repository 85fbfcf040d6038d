import { z } from 'zod';

// The answers of the channel routes, for /api/docs (the OpenAPI test checks real answers).
export const integrationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  identifier: z.string().describe('the provider: facebook, instagram, instagram-standalone, tiktok'),
  picture: z.string().nullable(),
  disabled: z.boolean(),
  profile: z.string().nullable(),
  customer: z.object({ id: z.string(), name: z.string() }).optional(),
  refreshNeeded: z.boolean(),
  tokenExpiresAt: z.string().nullable(),
  warning: z.string().nullable().describe('what to do about the login, when something must be done'),
  postingTimes: z.array(z.string()).describe("time slots, 'HH:mm' in timeZone"),
  timeZone: z.string(),
});

export const customerSchema = z.object({ id: z.string(), name: z.string() });

export const integrationSettingsSchema = z.object({
  output: z.object({ rules: z.string(), maxLength: z.number().int(), settings: z.record(z.string(), z.unknown()), tools: z.array(z.unknown()) }),
});

export const freeSlotSchema = z.object({
  date: z.string().nullable().describe("Postiz's shape: 'YYYY-MM-DDTHH:mm:00', in UTC"),
  dateIso: z.string().nullable().describe('the same instant with Z'),
});

export const integrationDeletionSchema = z.object({
  deleted: z.literal(true),
  posts: z.number().int(),
  deletedPostIds: z.array(z.string()),
  publishing: z.array(z.string()),
  warning: z.string().optional(),
});
