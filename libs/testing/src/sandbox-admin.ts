/** The sandbox's admin API (apps/sandbox/README.md), for tests to arrange and to assert. */
export interface SandboxAccount {
  network: 'facebook' | 'instagram' | 'tiktok';
  id: string;
  name: string;
  username?: string;
  accessToken: string;
  userAccessToken?: string;
  pageId?: string;
}

export interface SandboxPublished {
  network: string;
  accountId: string;
  id: string;
  kind: string;
  text: string;
  media: Array<{ url: string; contentType?: string; bytes?: number }>;
  permalink?: string;
  createdAt: string;
}

export interface SandboxFault {
  method?: string;
  host?: string;
  path: string;
  times?: number;
  status?: number;
  body?: unknown;
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

  addFault(fault: SandboxFault) {
    return this.call<{ id: string }>('POST', '/faults', fault);
  }

  clearFaults() {
    return this.call<unknown>('DELETE', '/faults');
  }
}
