import { z } from 'zod';

/** POST /upload-from-url: Postiz's UploadDto; other keys are ignored, as Postiz does. */
export const uploadFromUrlSchema = z.looseObject({
  url: z.string({ error: 'is required (the http or https URL of an image or MP4 video)' }).trim().min(1, 'must not be empty'),
});
