import { parseInstant } from '@herald/domain';

// The commit's start is taken on Herald's clock and the post's creation time on Meta's: allow
// for a small difference, small enough not to match an identical post published earlier.
export const RECONCILE_CLOCK_SKEW_MS = 2 * 60_000;

/** Meta's timestamps look like 2026-05-01T09:30:00+0000. */
export function metaTime(value: string | undefined): number | undefined {
  const parsed = parseInstant(value);
  return parsed.ok ? parsed.value.getTime() : undefined;
}

export function createdSinceCommit(timestamp: string | undefined, commitStartedAt: Date): boolean {
  const time = metaTime(timestamp);
  return time !== undefined && time >= commitStartedAt.getTime() - RECONCILE_CLOCK_SKEW_MS;
}

/** Texts compared as Meta stores them: line endings and outer white space may change. */
export function sameText(published: string | undefined, sent: string): boolean {
  const normalise = (text: string) => text.replace(/\r\n?/g, '\n').trim();
  return normalise(published ?? '') === normalise(sent);
}

/** Of several posts matching ours, the one created first after the commit started is ours. */
export function earliestCreated<T extends { createdAt?: string }>(candidates: T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) {
    const time = metaTime(candidate.createdAt) ?? Number.POSITIVE_INFINITY;
    if (!best || time < (metaTime(best.createdAt) ?? Number.POSITIVE_INFINITY)) best = candidate;
  }
  return best;
}
