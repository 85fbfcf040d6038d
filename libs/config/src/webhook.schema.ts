import { z } from 'zod';
import { positiveMs } from './parse-env.util';

/** Where webhooks may point: the API checks it at registration, the worker before each delivery. */
export const webhookTargetSchema = {
  /**
   * Origins (scheme://host:port, comma list) Herald calls webhooks on although they resolve to
   * private or loopback addresses (a receiver on the LAN, a test's); every other webhook URL
   * must resolve to a public address.
   */
  WEBHOOK_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be a comma list of http(s) origins' }))),
};

/** How the worker delivers webhooks. */
export const webhookDeliverySchema = {
  /** Longest wait for a receiver's answer before the attempt counts as failed (and is retried). */
  WEBHOOK_TIMEOUT_MS: positiveMs(10_000),
  /** First pause before retrying a failed delivery; doubles up to an hour (tests shorten it). */
  WEBHOOK_RETRY_INITIAL_INTERVAL_MS: positiveMs(10_000),
};
