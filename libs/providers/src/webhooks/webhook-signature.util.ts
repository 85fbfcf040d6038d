import { createHmac } from 'node:crypto';

/**
 * The `x-herald-signature` of a delivery: `sha256=` and the hex HMAC-SHA256 of
 * `<timestamp>.<raw body>`, keyed with the webhook's secret as given at registration (its UTF-8
 * text, not decoded). The timestamp inside the signed text lets a receiver refuse replays.
 */
export function signWebhookBody(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}
