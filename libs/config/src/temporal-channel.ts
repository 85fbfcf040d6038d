/**
 * gRPC channel options for Herald's Temporal clients. A channel that failed keeps retrying with
 * gRPC's own backoff, which grows to two minutes by default: after a long outage, the API would
 * notice Temporal's return only that late. Capping it at 2 s bounds the wait to seconds.
 */
export const TEMPORAL_CHANNEL_ARGS = {
  'grpc.initial_reconnect_backoff_ms': 500,
  'grpc.max_reconnect_backoff_ms': 2_000,
} as const;
