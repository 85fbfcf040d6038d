import { createHmac, randomBytes, randomInt } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SHORTCODE_ALPHABET = `${BASE62}_-`;

/** A random Graph-style id: a numeric string whose first digit is never 0. */
export function randomNumericId(digits: number): string {
  let id = String(randomInt(1, 10));
  while (id.length < digits) id += String(randomInt(0, 10));
  return id;
}

/** Makes ids that are unique in the store: `exists` is asked before one is handed out. */
export function createIdFactory(exists: (id: string) => boolean): (digits?: number) => string {
  return (digits = 17) => {
    for (;;) {
      const id = randomNumericId(digits);
      if (!exists(id)) return id;
    }
  };
}

/** The same numeric id for the same seed and label, so seeded accounts survive restarts. */
export function derivedNumericId(seed: string, label: string, digits = 17): string {
  const hex = createHmac('sha256', seed).update(`id:${label}`).digest('hex');
  const n = BigInt(`0x${hex}`) % 10n ** BigInt(digits - 1);
  return `1${n.toString().padStart(digits - 1, '0')}`;
}

function toAlphabet(bytes: Buffer, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

/**
 * Token prefixes follow Meta's: Facebook-login tokens start with EAA, Instagram-login tokens
 * with IGAA; a client that inspects the prefix sees the same thing it would in production.
 */
export type TokenFamily = 'facebook' | 'instagram';
const TOKEN_PREFIX: Record<TokenFamily, string> = { facebook: 'EAAG', instagram: 'IGAA' };

export function randomToken(family: TokenFamily): string {
  return TOKEN_PREFIX[family] + toAlphabet(randomBytes(160), BASE62, 160);
}

export function derivedToken(seed: string, label: string, family: TokenFamily): string {
  const bytes = Buffer.concat(
    [0, 1, 2, 3, 4].map((i) => createHmac('sha256', seed).update(`token:${label}:${i}`).digest()),
  );
  return TOKEN_PREFIX[family] + toAlphabet(bytes, BASE62, 160);
}

/** Instagram shortcodes are 11 characters of base64url. */
export function randomShortcode(): string {
  return toAlphabet(randomBytes(11), SHORTCODE_ALPHABET, 11);
}

export function randomOAuthCode(): string {
  return `AQ${toAlphabet(randomBytes(96), SHORTCODE_ALPHABET, 96)}`;
}

/** Every Graph error carries one; clients log it for Meta support. */
export function randomFbtraceId(): string {
  return `A${toAlphabet(randomBytes(22), `${BASE62}_-`, 22)}`;
}

/** Graph's timestamp format: ISO 8601 with a +0000 offset and no milliseconds. */
export function graphTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return `${date.toISOString().slice(0, 19)}+0000`;
}
