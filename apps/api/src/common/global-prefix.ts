/** Every route lives under /api, except these (Prometheus looks for /metrics at the root). */
export const GLOBAL_PREFIX = 'api';
export const UNPREFIXED_PATHS: readonly string[] = ['metrics'];
