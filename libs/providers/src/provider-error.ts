import type { PublishFailure } from '@herald/domain';

/** Thrown by adapters; carries the classified failure the workflow acts on. */
export class ProviderError extends Error {
  constructor(readonly failure: PublishFailure) {
    super(failure.message);
    this.name = 'ProviderError';
  }
}
