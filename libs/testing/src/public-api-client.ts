import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { waitUntil } from './wait-until';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** A client of Herald's public API, speaking HTTP as any other client would. */
export class PublicApiClient {
  constructor(
    readonly apiUrl: string,
    readonly apiKey: string,
  ) {}

  async request<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.apiUrl}/api/public/v1${route}`, {
      method,
      headers: { authorization: this.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async upload(file: string): Promise<ApiResponse<{ id: string; path: string }>> {
    const form = new FormData();
    form.append('file', new Blob([await readFile(file)]), path.basename(file));
    const response = await fetch(`${this.apiUrl}/api/public/v1/upload`, {
      method: 'POST',
      headers: { authorization: this.apiKey },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as { id: string; path: string } };
  }

  /** Waits until the post leaves QUEUE/PUBLISHING and returns it. */
  async waitForOutcome(postId: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    return waitUntil(
      `post ${postId} to be published or to fail`,
      async () => {
        const { body } = await this.request('GET', `/posts/${postId}`);
        return body.heraldState === 'PUBLISHED' || body.heraldState === 'ERROR' ? body : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  }
}
