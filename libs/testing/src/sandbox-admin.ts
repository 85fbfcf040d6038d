/** The sandbox's admin API (apps/sandbox/README.md), for tests to arrange and to assert. */
export interface SandboxAccount {
  network: 'facebook' | 'instagram' | 'tiktok';
  id: string;
  name: string;
  username?: string;
  accessToken: string;
  userAccessToken?: string;
  refreshToken?: string;
  pageId?: string;
  /** Instagram: the token for graph.instagram.com (Instagram login). */
  instagramLoginToken?: string;
}

export interface SandboxRequest {
  id: string;
  at: string;
  method: string;
  host: string;
  path: string;
  status: number;
  query?: Record<string, unknown>;
}

export interface SandboxPublished {
  network: string;
  accountId: string;
  id: string;
  kind: string;
  text: string;
  media: Array<{ url?: string; upload?: true; contentType?: string | null; bytes?: number; durationMs?: number }>;
  permalink?: string;
  createdAt: string;
  /** Facebook: the photo or video behind the post. */
  objectId?: string;
  /** TikTok */
  publishId?: string;
  mode?: 'direct' | 'inbox';
  status?: string;
  privacyLevel?: string;
}

/** A comment made through a network's API (GET /__sandbox/comments). */
export interface SandboxComment {
  id: string;
  network: string;
  /** The Page or Instagram account that wrote it. */
  accountId: string;
  /** The post or comment it was made on. */
  parentId: string;
  text: string;
  createdAt: string;
}

export interface SandboxFault {
  method?: string;
  host?: string;
  path: string;
  /** Regular expression source matched against the raw query string. */
  query?: string;
  times?: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  dropResponse?: boolean;
}

export class SandboxAdmin {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__sandbox${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  createAccount(input: { network: SandboxAccount['network']; name?: string; username?: string; pageId?: string }) {
    return this.call<SandboxAccount>('POST', '/accounts', input);
  }

  updateAccount(id: string, state: Record<string, unknown>) {
    return this.call<SandboxAccount>('PATCH', `/accounts/${encodeURIComponent(id)}`, state);
  }

  async published(filter: { network?: string; accountId?: string } = {}): Promise<SandboxPublished[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    return (await this.call<{ items: SandboxPublished[] }>('GET', `/published?${query}`)).items;
  }

  /** Comments in the order they were made, filtered by network, author account and the post or comment they are on. */
  async comments(filter: { network?: string; accountId?: string; parentId?: string } = {}): Promise<SandboxComment[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    return (await this.call<{ items: SandboxComment[] }>('GET', `/comments?${query}`)).items;
  }

  async requests(filter: { method?: string; pathContains?: string; host?: string; query?: string } = {}): Promise<SandboxRequest[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    return (await this.call<{ requests: SandboxRequest[] }>('GET', `/requests?${query}`)).requests;
  }

  setTikTokVerifiedPrefixes(prefixes: string[]) {
    return this.call<{ prefixes: string[] }>('PUT', '/tiktok/verified-url-prefixes', { prefixes });
  }

  addFault(fault: SandboxFault) {
    return this.call<{ id: string }>('POST', '/faults', fault);
  }

  clearFaults() {
    return this.call<unknown>('DELETE', '/faults');
  }

  /** Empties the request log, so that the next assertions count only what follows. */
  clearRequests() {
    return this.call<unknown>('DELETE', '/requests');
  }

  /** Moves the sandbox clock (container expiry, quotas, token lifetimes) by `offsetMs`; negative moves back. */
  advanceClock(offsetMs: number) {
    return this.call<{ now: string; offsetMs: number }>('POST', '/clock', { offsetMs });
  }
}
