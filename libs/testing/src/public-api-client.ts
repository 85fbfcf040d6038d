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

  /** Uploads a file and schedules one post with it (or without media) on a channel; returns the post id. */
  async schedule(
    integrationId: string,
    value: { content: string; files?: string[]; paths?: string[] },
    options: { type?: 'schedule' | 'now'; date?: Date; settings?: Record<string, unknown> } = {},
  ): Promise<string> {
    const image: Array<{ id?: string; path: string }> = (value.paths ?? []).map((p) => ({ path: p }));
    for (const file of value.files ?? []) {
      const upload = await this.upload(file);
      if (upload.status !== 201) throw new Error(`upload of ${file} answered ${upload.status}: ${JSON.stringify(upload.body)}`);
      image.push({ id: upload.body.id, path: upload.body.path });
    }
    const type = options.type ?? 'schedule';
    const created = await this.request<Array<{ postId: string }>>('POST', '/posts', {
      type,
      ...(type === 'schedule' && { date: (options.date ?? new Date(Date.now() + 2_000)).toISOString() }),
      posts: [{ integration: { id: integrationId }, value: [{ content: value.content, image }], settings: options.settings }],
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body[0]!.postId;
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
