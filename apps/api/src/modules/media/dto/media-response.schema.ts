import { z } from 'zod';

/** Postiz's Media answer, plus what Herald read from the file's bytes. */
export const mediaResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  originalName: z.string().nullable(),
  path: z.string().describe('the public URL the networks download it from'),
  thumbnail: z.null(),
  alt: z.null(),
  mimeType: z.string(),
  kind: z.enum(['image', 'video']),
  fileSize: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
});
