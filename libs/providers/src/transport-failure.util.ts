import { isAxiosError } from 'axios';

// Errors raised before a single byte of the request could leave the machine: the network
// provably did nothing. Every other transport error (timeout, reset, hang-up) may have
// happened after the network received the request.
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_INVALID_URL',
]);

export interface TransportFailure {
  /** True when the request may have reached the network before the connection failed. */
  maybeSent: boolean;
  /** The low-level code, for operators (e.g. ECONNRESET, ETIMEDOUT). */
  reason: string;
}

/** Describes an HTTP client error that carries no response; undefined for anything else. */
export function describeTransportFailure(error: unknown): TransportFailure | undefined {
  if (!isAxiosError(error) || error.response !== undefined) return undefined;
  const reason = error.code ?? 'UNKNOWN';
  return { maybeSent: !NEVER_SENT_CODES.has(reason), reason };
}
