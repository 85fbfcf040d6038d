import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 32 random bytes, with a prefix that makes a leaked key easy to recognise. */
export function generateApiKey(): string {
  return `hk_${randomBytes(32).toString('base64url')}`;
}

/** Keys are high-entropy, so an unsalted SHA-256 is enough and keeps lookup a single index hit. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 8);
}
