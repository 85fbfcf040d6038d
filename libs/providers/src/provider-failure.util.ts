import type { ErrorCode } from '@herald/domain';
import { ProviderError } from './provider-error';

/** A failure Herald decides on its own (bad input, impossible state): nothing reached the network. */
export function refusedBeforeSending(code: ErrorCode, message: string, retryable = false): ProviderError {
  return new ProviderError({ code, message, retryable, outcome: 'not-applied' });
}
