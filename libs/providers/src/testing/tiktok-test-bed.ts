// Test-only (not exported from the package): a TikTok adapter wired to a fixture server standing
// in for open.tiktokapis.com and its upload host, and to a generated-media origin.
import { join } from 'node:path';
import type { MediaRef, PreparedPublish, PublishFailure } from '@herald/domain';
import { createMediaFetcher } from '../media/media-fetcher';
import type { PublishablePost, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { TikTokAdapter, type TikTokAdapterOptions } from '../tiktok/tiktok.adapter';
import { FixtureServer, rawFixtureLoader } from './fixture-server';
import { MediaOrigin } from './media-origin';

export const tt = (path: string) => `/open.tiktokapis.com${path}`;
export const UPLOAD_PATH = '/open-upload.tiktokapis.com/video/';
export const NOW = new Date('2025-12-03T10:20:00.000Z');
export const CAPTION = 'Spring menu is here #bakery';

export const ctx: PublishContext = {
  account: { provider: 'tiktok', internalId: '-000OpenIdOfTheHeraldBakeryAccount12' },
  credentials: { accessToken: 'act.CurrentToken!1234', refreshToken: 'rft.CurrentRefresh!5678', expiresAt: '2025-12-03T11:00:00.000Z' },
};

export const rawFixture = rawFixtureLoader(join(__dirname, '..', 'tiktok'));

export class TikTokTestBed {
  private constructor(
    readonly server: FixtureServer,
    readonly origin: MediaOrigin,
  ) {}

  static async start(): Promise<TikTokTestBed> {
    return new TikTokTestBed(await FixtureServer.start(), await MediaOrigin.start());
  }

  /** Media on the generated origin (not verified for TikTok: videos go as FILE_UPLOAD). */
  mediaUrl(path: string): string {
    return `${this.origin.origin}${path}`;
  }

  adapter(overrides: Partial<TikTokAdapterOptions> = {}): TikTokAdapter {
    return new TikTokAdapter({
      apiBaseUrl: `${this.server.origin}/open.tiktokapis.com/`,
      clientKey: 'herald-client-key',
      clientSecret: 'herald-client-secret',
      verifiedUrlPrefixes: ['https://media.herald.example/uploads/'],
      requestTimeoutMs: 1_000,
      fetchMedia: createMediaFetcher({ allowedOrigins: [this.origin.origin], timeoutMs: 5_000, maxBytes: 4 * 1024 ** 3 }),
      now: () => NOW,
      chunkRetryDelayMs: 5,
      ...overrides,
    });
  }

  /** An init fixture whose upload_url points at the fixture server. */
  uploadInit(name: string): string {
    return rawFixture(name).replace('https://open-upload.tiktokapis.com', `${this.server.origin}/open-upload.tiktokapis.com`);
  }

  reset(): void {
    this.server.reset();
    this.origin.reset();
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.origin.close();
  }
}

export function post(media: MediaRef[], settings: Record<string, unknown> = {}, content = CAPTION): PublishablePost {
  return { postId: 'post-1', content, media, settings };
}

export function video(path: string, extra: Partial<MediaRef> = {}): MediaRef {
  return { path, kind: 'video', ...extra };
}

export function photo(path: string): MediaRef {
  return { path, kind: 'image' };
}

export function prepared(data: Record<string, unknown>): PreparedPublish {
  return { provider: 'tiktok', data };
}

export async function failureOf(promise: Promise<unknown>): Promise<PublishFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error.failure;
}
