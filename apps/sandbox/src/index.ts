export { createSandboxApp, type SandboxApp } from './sandbox.app';
export { startSandboxServer, type RunningSandbox } from './sandbox.server';
export { DEFAULT_SEED, type SandboxOptions } from './sandbox-options.types';
export type { MetaAccountView } from './meta/accounts/meta-account.view';
export type { TikTokAccountView } from './tiktok/accounts/tiktok-account.view';
export type { TikTokOptions } from './tiktok/tiktok-deps.types';
export type { PublishedItem, PublishedKind, PublishedMedia } from './state/published-item.types';
export type { RequestLogEntry } from './state/request-log';
export type { Fault, FaultInput } from './faults/fault.types';
