/** Injection tokens for values that are not classes. */
export const API_CONFIG = Symbol('API_CONFIG');
export const PRISMA = Symbol('PRISMA');
export const REDIS = Symbol('REDIS');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
export const CLOCK = Symbol('CLOCK');
export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');
export const LOGGER = Symbol('LOGGER');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export type Clock = () => Date;
