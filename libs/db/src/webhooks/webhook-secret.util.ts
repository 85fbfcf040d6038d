import { randomBytes } from 'node:crypto';

/** A webhook's signing secret: 32 random bytes, base64url. Shown to its owner once, at creation. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}
