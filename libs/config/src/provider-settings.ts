import type { ApiConfig } from './api.config';
import type { WorkerConfig } from './worker.config';

type ProviderConfig = Pick<
  ApiConfig & WorkerConfig,
  | 'META_GRAPH_URL'
  | 'INSTAGRAM_GRAPH_URL'
  | 'TIKTOK_API_URL'
  | 'META_GRAPH_VERSION'
  | 'PROVIDER_TIMEOUT_MS'
  | 'PROVIDER_MAX_CONNECTIONS'
  | 'TIKTOK_CLIENT_KEY'
  | 'TIKTOK_CLIENT_SECRET'
  | 'TIKTOK_VERIFIED_URL_PREFIXES'
  | 'MEDIA_FETCH_ALLOWED_ORIGINS'
>;

/** The providers' settings (createProviderAdapters' input) from either process's configuration. */
export function providerSettingsFrom(config: ProviderConfig) {
  return {
    facebookGraph: config.META_GRAPH_URL,
    instagramGraph: config.INSTAGRAM_GRAPH_URL,
    tiktokApi: config.TIKTOK_API_URL,
    graphVersion: config.META_GRAPH_VERSION,
    requestTimeoutMs: config.PROVIDER_TIMEOUT_MS,
    maxConnections: config.PROVIDER_MAX_CONNECTIONS,
    tiktok: {
      clientKey: config.TIKTOK_CLIENT_KEY ?? '',
      clientSecret: config.TIKTOK_CLIENT_SECRET ?? '',
      verifiedUrlPrefixes: config.TIKTOK_VERIFIED_URL_PREFIXES,
    },
    media: { allowedOrigins: config.MEDIA_FETCH_ALLOWED_ORIGINS },
  };
}
