import { invalidParam, urlOwnershipUnverified } from '../tiktok.errors';

function parseUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A prefix as stored: trimmed; undefined when it is not an absolute http(s) URL. */
export function normalizePrefix(value: string): string | undefined {
  const trimmed = value.trim();
  return parseUrl(trimmed) ? trimmed : undefined;
}

/**
 * TikTok pulls only from domains or URL prefixes the app verified. A bare origin covers all its
 * paths; a prefix with a path must match the start of the URL.
 */
export function isVerifiedUrl(prefixes: readonly string[], url: URL): boolean {
  return prefixes.some((prefix) => {
    const parsed = parseUrl(prefix);
    if (!parsed) return false;
    if (parsed.pathname === '/' && !parsed.search) return parsed.origin === url.origin;
    return url.href.startsWith(parsed.href);
  });
}

/** 400 for a value that is not a URL, 403 url_ownership_unverified (naming the origin) for an unverified one. */
export function assertPullableUrl(prefixes: readonly string[], field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw invalidParam(`${field} is required for PULL_FROM_URL.`);
  const url = parseUrl(value);
  if (!url) throw invalidParam(`${field} must be an absolute http(s) URL.`);
  if (!isVerifiedUrl(prefixes, url)) throw urlOwnershipUnverified(url.origin);
  return value;
}
