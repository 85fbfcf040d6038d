import type { ErrorCode } from './error-codes';

/**
 * What a publishing step reports when it fails. It crosses the Temporal boundary as the details
 * of an ApplicationFailure, so it holds plain data only.
 *
 * - `outcome: 'not-applied'` means the network provably did not act on the request (it refused
 *   it, or the request never left); `'unknown'` means the request may have been applied
 *   (timeout, reset, 5xx after sending) and must be reconciled before any retry.
 * - `retryable` says whether trying the same step again can help (a temporary error), as opposed
 *   to a problem the user must fix.
 */
export interface PublishFailure {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  outcome: 'not-applied' | 'unknown';
  retryAfterMs?: number;
  /**
   * What the preparation step made is gone (an Instagram container expired, say): trying again
   * means preparing again, which is safe because prepared media is invisible.
   */
  prepareAgain?: boolean;
  /**
   * The network rejected the access token itself: refreshing the channel's token (where the
   * network allows it) and trying once more may succeed.
   */
  tokenRejected?: boolean;
  /**
   * What a commit that failed half way had already obtained (a TikTok publish_id, say), for the
   * reconciliation that follows. Plain data; never credentials.
   */
  commitProgress?: Record<string, unknown>;
  /** The network's own error identifiers, for operators (never shown as the user message). */
  network?: {
    status?: number;
    code?: string | number;
    subcode?: string | number;
    traceId?: string;
  };
}
