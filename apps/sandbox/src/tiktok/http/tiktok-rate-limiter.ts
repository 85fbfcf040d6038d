const WINDOW_MS = 60_000;

/**
 * TikTok's per-token limits over a sliding minute of the sandbox clock. Kept in memory, like the
 * request log: a restart forgets them, as a real client would barely notice.
 */
export class TikTokRateLimiter {
  private calls = new Map<string, number[]>();

  constructor(private readonly enabled: boolean) {}

  /** Counts the call and says whether it is within `limit` calls in the last minute. */
  take(token: string, bucket: string, limit: number, nowMs: number): boolean {
    if (!this.enabled) return true;
    const key = `${bucket}\u0000${token}`;
    const recent = (this.calls.get(key) ?? []).filter((at) => at > nowMs - WINDOW_MS && at <= nowMs);
    if (recent.length >= limit) {
      this.calls.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.calls.set(key, recent);
    return true;
  }

  clear(): void {
    this.calls.clear();
  }
}
