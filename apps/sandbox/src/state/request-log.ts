/** One network call the sandbox received, as the admin API shows it. */
export interface RequestLogEntry {
  id: number;
  at: string;
  method: string;
  host: string;
  /** Path after the host and API version, e.g. /1784.../media_publish. */
  path: string;
  version?: string;
  query: Record<string, unknown>;
  body: unknown;
  /** The caller's access token, shortened. */
  token?: string;
  status?: number;
  durationMs?: number;
  faultId?: string;
  /** The call was applied but its socket was destroyed before an answer (fault dropResponse). */
  dropped?: boolean;
}

export interface RequestLogFilter {
  /** A request id (entries after it) or an ISO instant (entries at or after it). */
  since?: string;
  method?: string;
  pathContains?: string;
  /** Substring of the query string as logged (secrets redacted), e.g. `permalink`. */
  query?: string;
  host?: string;
}

const MAX_ENTRIES = 10_000;
const SECRET_KEYS = new Set([
  'access_token',
  'fb_exchange_token',
  'input_token',
  'client_secret',
  'code',
  'refresh_token',
  'code_verifier',
  'upload_token',
]);

/** Shortens a secret to its first 6 characters, enough to tell tokens apart in assertions. */
export function redactSecret(value: string): string {
  return `${value.slice(0, 6)}…`;
}

export function redactParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactParams);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, SECRET_KEYS.has(key) && typeof v === 'string' ? redactSecret(v) : redactParams(v)]),
    );
  }
  return value;
}

/** The last calls received, newest last, bounded so a long demo cannot grow it forever. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  /** Each entry's `at` as epoch milliseconds, parsed once: every Graph call counts the last hour's calls. */
  private times: number[] = [];
  private nextId = 1;

  add(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry {
    const full = { id: this.nextId++, ...entry };
    this.entries.push(full);
    this.times.push(Date.parse(full.at));
    if (this.entries.length > MAX_ENTRIES) {
      const excess = this.entries.length - MAX_ENTRIES;
      this.entries.splice(0, excess);
      this.times.splice(0, excess);
    }
    return full;
  }

  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const since = filter.since;
    const sinceId = since !== undefined && /^\d+$/.test(since) ? Number(since) : undefined;
    const sinceAt = since !== undefined && sinceId === undefined ? Date.parse(since) : undefined;
    return this.entries.filter(
      (e) =>
        (sinceId === undefined || e.id > sinceId) &&
        (sinceAt === undefined || Number.isNaN(sinceAt) || Date.parse(e.at) >= sinceAt) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.host === undefined || e.host === filter.host) &&
        (filter.pathContains === undefined || e.path.includes(filter.pathContains)) &&
        (filter.query === undefined || queryText(e.query).includes(filter.query)),
    );
  }

  /** Calls to a host since an instant, for the usage headers. */
  countSince(host: string, sinceMs: number, pathPrefix?: string): number {
    let count = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.times[i]! < sinceMs) break;
      const e = this.entries[i]!;
      if (e.host === host && (pathPrefix === undefined || e.path.startsWith(pathPrefix))) count++;
    }
    return count;
  }

  clear(): void {
    this.entries = [];
    this.times = [];
  }
}

function queryText(query: Record<string, unknown>): string {
  return Object.entries(query)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('&');
}
