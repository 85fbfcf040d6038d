import { createHmac, randomBytes, randomInt } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URL_SAFE = `${BASE62}_-`;

function toAlphabet(bytes: Buffer, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

function digits(count: number, bytes: Buffer): string {
  return toAlphabet(bytes, '0123456789', count);
}

/** Bytes that are the same for the same seed and label (the demo account's ids and tokens). */
function derivedBytes(seed: string, label: string): Buffer {
  return Buffer.concat([0, 1, 2].map((i) => createHmac('sha256', seed).update(`tiktok:${label}:${i}`).digest()));
}

/** The source of the bytes an id is made of: random, or derived from the seed. */
export type IdSource = { seed: string; label: string } | 'random';

function bytesFor(source: IdSource): Buffer {
  return source === 'random' ? randomBytes(96) : derivedBytes(source.seed, source.label);
}

/** TikTok open_ids look like `-000` followed by 32 URL-safe characters. */
export function makeOpenId(source: IdSource): string {
  return `-000${toAlphabet(bytesFor(source), URL_SAFE, 32)}`;
}

export function makeUnionId(source: IdSource): string {
  const hex = bytesFor(source).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Tokens carry TikTok's prefixes (act. / rft.) and, like real ones, end with `!` and four
 * digits: a client that forgets to encode a token in a form body meets it here first.
 */
export function makeToken(kind: 'access' | 'refresh', source: IdSource): string {
  const bytes = bytesFor(source);
  return `${kind === 'access' ? 'act' : 'rft'}.${toAlphabet(bytes, BASE62, 64)}!${digits(4, bytes.subarray(64))}`;
}

/** Authorization codes end with `*0!` and digits, as TikTok's do, to catch clients that do not decode the callback. */
export function makeAuthCode(): string {
  const bytes = randomBytes(72);
  return `${toAlphabet(bytes, URL_SAFE, 64)}*0!${digits(4, bytes.subarray(64))}`;
}

export type PublishIdPrefix = 'v_pub_file' | 'v_pub_url' | 'v_inbox_file' | 'v_inbox_url' | 'p_pub_url' | 'p_inbox_url';

export function makePublishId(prefix: PublishIdPrefix): string {
  const version = prefix.startsWith('v_') ? 'v2-1' : 'v2';
  return `${prefix}~${version}.${String(randomInt(1, 10))}${digits(18, randomBytes(18))}`;
}

export function makeUploadId(): string {
  return `${String(randomInt(1, 10))}${digits(18, randomBytes(18))}`;
}

export function makeUploadToken(): string {
  return toAlphabet(randomBytes(32), BASE62, 32);
}

/** Post ids are int64 values from 7e18 up: past 2^53, so a plain JSON.parse rounds them. */
export function makePostId(): string {
  return `7${digits(18, randomBytes(18))}`;
}

/** TikTok's log ids: the UTC time to the second, then 20 upper-case hex digits. */
export function makeLogId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}${randomBytes(10).toString('hex').toUpperCase()}`;
}
