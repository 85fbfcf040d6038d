/**
 * Machine codes for why a post failed. Each one is paired with a sentence the user can act on;
 * providers may give a more specific sentence, never a vaguer one.
 */
export const ERROR_CODES = {
  VALIDATION: 'The post does not meet the network\'s rules.',
  MEDIA_UNREACHABLE: 'The network could not download the media: the URL must be public and return the file itself.',
  MEDIA_REJECTED: 'The network rejected the media file.',
  CONTENT_REJECTED: 'The network refused this post.',
  RECONNECT_NEEDED: 'The channel\'s connection is no longer valid: reconnect it and schedule the post again.',
  PERMISSION_MISSING: 'Herald was not granted permission to publish to this account: reconnect it and accept every requested permission.',
  IDENTITY_CHECKPOINT: 'Facebook requires the Page admin to confirm their identity before anything can be published: complete the verification in the Facebook app, then publish again.',
  RATE_LIMITED: 'The network\'s posting limit for this account is reached.',
  PRIVACY_NOT_ALLOWED: 'That visibility is not allowed for this account.',
  NETWORK_UNAVAILABLE: 'The network kept failing with temporary errors; Herald stopped retrying.',
  OUTCOME_UNKNOWN: 'Herald could not confirm whether the network published this post: check the account before publishing again.',
  MISSED_TIME: 'The post missed its publish time and was not published.',
  CHANNEL_UNAVAILABLE: 'The channel was deleted or disabled.',
  INTERNAL: 'Herald failed while publishing this post.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_CODES;
}
