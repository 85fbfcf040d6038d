/**
 * The networks Herald publishes to. Identifiers follow Postiz's `providerIdentifier` so that
 * Postiz clients see the values they know.
 */
export const PROVIDER_IDS = ['facebook', 'instagram', 'instagram-standalone', 'tiktok'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** The network family decides the activity task queue: both Instagram logins share one. */
export const NETWORKS = ['facebook', 'instagram', 'tiktok'] as const;
export type Network = (typeof NETWORKS)[number];

const NETWORK_OF: Record<ProviderId, Network> = {
  facebook: 'facebook',
  instagram: 'instagram',
  'instagram-standalone': 'instagram',
  tiktok: 'tiktok',
};

export function networkOf(provider: ProviderId): Network {
  return NETWORK_OF[provider];
}

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

export const PROVIDER_DISPLAY_NAMES: Record<ProviderId, string> = {
  facebook: 'Facebook Page',
  instagram: 'Instagram (Facebook login)',
  'instagram-standalone': 'Instagram (Instagram login)',
  tiktok: 'TikTok',
};
