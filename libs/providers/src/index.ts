export * from './provider-adapter';
export * from './provider-error';
export {
  createProviderAdapters,
  type MediaFetchSettings,
  type ProviderAdapterSettings,
  type TikTokAppSettings,
} from './create-provider-adapters';
export { FacebookAdapter } from './facebook/facebook.adapter';
export { InstagramAdapter, type InstagramProviderId } from './instagram/instagram.adapter';
export { GraphClient, type GraphClientOptions } from './meta/graph-client';
export { parseGraphError, type GraphError } from './meta/graph-error';
export {
  classifyGraphError,
  classifyMetaError,
  classifyMetaTransportFailure,
  type MetaCallContext,
} from './meta/meta.errors';
export { META_ERROR_RULES, type MetaErrorRule } from './meta/meta-error-rules';
export { describeTransportFailure, type TransportFailure } from './transport-failure.util';
export { createMediaFetcher, type MediaFetcher, type MediaFetcherOptions, type MediaProbe, type ResolvedAddress } from './media/media-fetcher';
export { addressCategory, refusedAddressReason, type AddressCategory } from './media/address-policy';
export { parseJsonExactly, quoteUnsafeIntegers } from './exact-json.util';
export { TikTokAdapter, type TikTokAdapterOptions } from './tiktok/tiktok.adapter';
export { validateTikTokPost, type TikTokPostInput } from './tiktok/tiktok-post-rules';
export { parseCreatorInfo, type TikTokCreatorInfo } from './tiktok/tiktok-creator-info';
export { readTikTokSettings, TIKTOK_PRIVACY_LEVELS, TIKTOK_PRIVACY_LABELS, type TikTokSettings, type TikTokPrivacyLevel } from './tiktok/tiktok-settings';
export { planChunks, type ChunkPlan } from './tiktok/tiktok-chunk-plan';
export { classifyTikTokError, classifyTikTokFailReason, classifyTikTokTransportFailure, parseTikTokError } from './tiktok/tiktok.errors';
export { TIKTOK_ERROR_RULES, TIKTOK_FAIL_REASONS, type TikTokErrorRule } from './tiktok/tiktok-error-rules';
export { checkWebhookUrl, type WebhookUrlCheck, type WebhookUrlPolicy } from './webhooks/webhook-url.policy';
export { classifyWebhookStatus, createWebhookSender, type WebhookRequest, type WebhookSendResult, type WebhookSender, type WebhookSenderOptions } from './webhooks/webhook-sender';
export { signWebhookBody } from './webhooks/webhook-signature.util';
