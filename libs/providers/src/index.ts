export * from './provider-adapter';
export * from './provider-error';
export { createProviderAdapters } from './create-provider-adapters';
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
