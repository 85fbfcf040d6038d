import { z } from 'zod';

/** The API's one error shape (DECISIONS.md). */
export const errorBodySchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  integrationId: z.string().optional(),
  provider: z.string().optional(),
  dependency: z.string().optional(),
  retryAfter: z.number().optional(),
  msg: z.string().optional(),
});

/** Common error answers, by status. */
export const ERRORS = {
  400: { description: 'Bad input: `field` names what is wrong and `message` why; nothing was changed', schema: errorBodySchema },
  401: { description: 'No API key, or an unknown one', schema: errorBodySchema },
  404: { description: 'Not in this organization', schema: errorBodySchema },
  409: { description: 'The post\'s state does not allow it; `message` says why', schema: errorBodySchema },
  503: { description: 'A dependency (`dependency`) does not answer; nothing was changed', schema: errorBodySchema },
} as const;
