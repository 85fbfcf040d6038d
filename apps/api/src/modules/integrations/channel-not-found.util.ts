import { AppError } from '../../common/app-error';

/** A channel that is not the caller's (another organization's, deleted, unknown): one answer for all, so none leaks. */
export function channelNotFound(integrationId: string): AppError {
  return new AppError('NOT_FOUND', `No channel ${integrationId} in this organization`);
}
