export { createSandboxApp, type SandboxApp } from './sandbox.app';
export { startSandboxServer, type RunningSandbox } from './sandbox.server';
export { DEFAULT_SEED, type SandboxOptions } from './sandbox-options.types';
export type { MetaAccountView } from './meta/accounts/meta-account.view';
export type { PublishedItem, PublishedKind } from './state/published-item.types';
export type { RequestLogEntry } from './state/request-log';
export type { Fault, FaultInput } from './faults/fault.types';
