import type { InstagramAccount } from '../meta-state.types';

/** Instagram counts API publishes over a rolling 24 hours. */
export const QUOTA_WINDOW_MS = 86_400_000;
export const DEFAULT_QUOTA_TOTAL = 100;

/** Publishes in the window ending now (and, if given, at or after `sinceMs`). */
export function quotaUsage(account: InstagramAccount, now: Date, sinceMs?: number): number {
  const from = now.getTime() - QUOTA_WINDOW_MS;
  return account.quotaEvents.filter((at) => {
    const t = Date.parse(at);
    return t > from && t <= now.getTime() && (sinceMs === undefined || t >= sinceMs);
  }).length;
}

export function recordPublish(account: InstagramAccount, now: Date): void {
  const from = now.getTime() - QUOTA_WINDOW_MS;
  account.quotaEvents = account.quotaEvents.filter((at) => Date.parse(at) > from);
  account.quotaEvents.push(now.toISOString());
}

/**
 * Sets the usage the admin API asks for: the newest real publishes are kept and the rest are
 * counted as made now, so they leave the window 24 h later like real ones.
 */
export function setQuotaUsage(account: InstagramAccount, usage: number, now: Date): void {
  const from = now.getTime() - QUOTA_WINDOW_MS;
  const inWindow = account.quotaEvents.filter((at) => Date.parse(at) > from).sort();
  const kept = inWindow.slice(Math.max(0, inWindow.length - usage));
  while (kept.length < usage) kept.push(now.toISOString());
  account.quotaEvents = kept;
}
