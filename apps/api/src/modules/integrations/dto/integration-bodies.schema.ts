import { z } from 'zod';

// Herald's own endpoints (Postiz's public API cannot create customers or set slots) refuse
// unknown keys, so that a typo is a 400 rather than a silent no-op. Postiz's take extra keys.

/** GET /integrations?group=<customerId>: an empty group is no filter, as in Postiz. */
export const listIntegrationsQuerySchema = z.looseObject({
  group: z.string({ error: 'must be given once, as a group id from GET /groups' }).optional(),
});

/** POST /groups */
export const createGroupSchema = z.strictObject({
  name: z
    .string({ error: 'is required (text)' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
});

/** PUT /integrations/:id/group: a customer id, or null to take the channel out of its group. */
export const setGroupSchema = z.strictObject({
  group: z.string({ error: 'is required: a group id from GET /groups, or null' }).min(1, 'must not be empty').nullable(),
});

/** PUT /integrations/:id/time-slots: `times` is checked by parsePostingTimes, which names the item. */
export const setTimeSlotsSchema = z.strictObject({
  times: z.unknown(),
  timeZone: z.string({ error: 'must be an IANA time zone such as Europe/Paris, or null' }).nullable().optional(),
});
