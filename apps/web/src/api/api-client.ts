import { ApiError } from './api-error';
import type { Channel, ChangedPost, CreatePostBody, CreatedPost, DeletedPosts, Post, PostList, UploadedMedia } from './api.types';

/** The public API's base path; the UI is served by the same API, so it is same-origin. */
export const PUBLIC_API_BASE = '/api/public/v1';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Every call the UI makes, through the public API with the organization's raw key. */
export class HeraldApiClient {
  constructor(
    private readonly apiKey: string,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly base: string = PUBLIC_API_BASE,
  ) {}

  listChannels(): Promise<Channel[]> {
    return this.request<Channel[]>('GET', '/integrations');
  }

  listPosts(startDate: string, endDate: string): Promise<PostList> {
    const query = new URLSearchParams({ startDate, endDate });
    return this.request<PostList>('GET', `/posts?${query.toString()}`);
  }

  getPost(id: string): Promise<Post> {
    return this.request<Post>('GET', `/posts/${encodeURIComponent(id)}`);
  }

  createPosts(body: CreatePostBody): Promise<CreatedPost[]> {
    return this.request<CreatedPost[]>('POST', '/posts', body);
  }

  movePost(id: string, date: string, timeZone: string): Promise<ChangedPost> {
    return this.request<ChangedPost>('PUT', `/posts/${encodeURIComponent(id)}`, { date, timeZone });
  }

  /** `republish` is the API's explicit consent to publish an already published post again. */
  publishNow(id: string, republish = false): Promise<ChangedPost> {
    return this.request<ChangedPost>('POST', `/posts/${encodeURIComponent(id)}/publish-now`, republish ? { republish: true } : {});
  }

  deletePost(id: string): Promise<DeletedPosts> {
    return this.request<DeletedPosts>('DELETE', `/posts/${encodeURIComponent(id)}`);
  }

  upload(file: File): Promise<UploadedMedia> {
    const form = new FormData();
    form.append('file', file);
    return this.request<UploadedMedia>('POST', '/upload', form);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    // The public API takes the raw key, without "Bearer", as Postiz's does.
    const headers: Record<string, string> = { Authorization: this.apiKey, Accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body; // the browser sets the multipart boundary itself
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await this.fetchFn(`${this.base}${path}`, { method, headers, ...(payload !== undefined && { body: payload }) });
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw ApiError.fromBody(response.status, parsed);
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
