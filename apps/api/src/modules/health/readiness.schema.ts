import { z } from 'zod';

// The answers of /api/health/*, for /api/docs (the OpenAPI test checks real answers against them).
const dependencyCheck = z.object({ status: z.enum(['up', 'down']), checkedAt: z.string(), error: z.string().optional() });

export const readinessSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ postgres: dependencyCheck, redis: dependencyCheck, temporal: dependencyCheck }),
  taskQueues: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['up', 'down', 'unknown']),
      checkedAt: z.string(),
      waitingPosts: z.number().int().nullable(),
      workers: z.array(z.string()),
      lastPolledAt: z.string().nullable(),
      error: z.string().optional(),
    }),
  ),
  reasons: z.array(z.string()).describe('why it is degraded, a sentence per cause'),
});

export const livenessSchema = z.object({ status: z.literal('ok') });
