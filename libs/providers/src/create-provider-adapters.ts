import type { ProviderId } from '@herald/domain';
import { FacebookAdapter } from './facebook/facebook.adapter';
import { InstagramAdapter } from './instagram/instagram.adapter';
import { GraphClient } from './meta/graph-client';
import type { ProviderAdapter, ProviderEndpoints } from './provider-adapter';

/** One adapter per provider, bound to the configured base URLs (TikTok arrives later). */
export function createProviderAdapters(endpoints: ProviderEndpoints): Record<ProviderId, ProviderAdapter | undefined> {
  const graph = (baseUrl: string) =>
    new GraphClient({ baseUrl, version: endpoints.graphVersion, timeoutMs: endpoints.requestTimeoutMs });
  const facebookGraph = graph(endpoints.facebookGraph);
  return {
    facebook: new FacebookAdapter(facebookGraph),
    instagram: new InstagramAdapter('instagram', facebookGraph),
    'instagram-standalone': new InstagramAdapter('instagram-standalone', graph(endpoints.instagramGraph)),
    tiktok: undefined,
  };
}
