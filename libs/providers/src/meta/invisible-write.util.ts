import { ProviderError } from '../provider-error';

/**
 * Runs a write that creates something nobody sees until it is published (an Instagram
 * container, an unpublished Facebook photo). If its answer is lost, the object may exist, but an
 * orphan is harmless (containers expire after 24 h, unpublished photos stay hidden), so the step
 * may simply run again: the failure becomes retryable. The outcome stays 'unknown', truthfully.
 */
export async function createInvisible<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ProviderError && error.failure.outcome === 'unknown') {
      throw new ProviderError({
        ...error.failure,
        code: 'NETWORK_UNAVAILABLE',
        message: 'The connection to Meta failed while preparing the media; Herald will prepare it again.',
        retryable: true,
      });
    }
    throw error;
  }
}
