import type { ProviderId } from '@herald/domain';
import { FacebookAdapter } from './facebook/facebook.adapter';
import { InstagramAdapter } from './instagram/instagram.adapter';
import { createMediaFetcher } from './media/media-fetcher';
import { DEFAULT_MAX_CONNECTIONS } from './connection-pool';
import { GraphClient } from './meta/graph-client';
import type { ProviderAdapter, ProviderEndpoints } from './provider-adapter';
import { MAX_VIDEO_BYTES } from './tiktok/tiktok-chunk-plan';
import { TikTokAdapter } from './tiktok/tiktok.adapter';

/** The TikTok app Herald posts as. */
export interface TikTokAppSettings {
  clientKey: string;
  clientSecret: string;
  /** URL prefixes (or bare origins) verified for the app in TikTok's developer portal. */
  verifiedUrlPrefixes?: readonly string[];
  /** FILE_UPLOAD chunk size for videos over 64 MB (default 10 MiB). */
  chunkSizeBytes?: number;
}

/** How Herald itself downloads media (TikTok FILE_UPLOAD). */
export interface MediaFetchSettings {
  /** Origins allowed although private or loopback: Herald's MEDIA_PUBLIC_URL, the sandbox. */
  allowedOrigins: readonly string[];
  /** Default: the endpoints' requestTimeoutMs. */
  timeoutMs?: number;
  /** Default: TikTok's 4 GB. */
  maxBytes?: number;
}

export interface ProviderAdapterSettings extends ProviderEndpoints {
  /** Without it, TikTok publishes but cannot refresh tokens. */
  tiktok?: TikTokAppSettings;
  /** Without it, media is fetched from public addresses only. */
  media?: MediaFetchSettings;
}

/** One adapter per provider, bound to the configured base URLs. */
export function createProviderAdapters(settings: ProviderAdapterSettings): Record<ProviderId, ProviderAdapter | undefined> {
  const graph = (baseUrl: string) =>
    new GraphClient({
      baseUrl,
      version: settings.graphVersion,
      timeoutMs: settings.requestTimeoutMs,
      maxConnections: settings.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    });
  const facebookGraph = graph(settings.facebookGraph);
  const fetchMedia = createMediaFetcher({
    allowedOrigins: settings.media?.allowedOrigins ?? [],
    timeoutMs: settings.media?.timeoutMs ?? settings.requestTimeoutMs,
    maxBytes: settings.media?.maxBytes ?? MAX_VIDEO_BYTES,
  });
  return {
    facebook: new FacebookAdapter(facebookGraph),
    instagram: new InstagramAdapter('instagram', facebookGraph),
    'instagram-standalone': new InstagramAdapter('instagram-standalone', graph(settings.instagramGraph)),
    tiktok: new TikTokAdapter({
      apiBaseUrl: settings.tiktokApi,
      clientKey: settings.tiktok?.clientKey ?? '',
      clientSecret: settings.tiktok?.clientSecret ?? '',
      verifiedUrlPrefixes: settings.tiktok?.verifiedUrlPrefixes ?? [],
      requestTimeoutMs: settings.requestTimeoutMs,
      maxConnections: settings.maxConnections,
      chunkSizeBytes: settings.tiktok?.chunkSizeBytes,
      fetchMedia,
    }),
  };
}
