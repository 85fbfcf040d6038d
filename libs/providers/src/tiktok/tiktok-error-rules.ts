import type { ErrorCode } from '@herald/domain';

/** What Herald does with one TikTok `error.code` (API envelope) or `fail_reason` (status fetch). */
export interface TikTokErrorRule {
  code: ErrorCode;
  retryable: boolean;
  message: string;
  /** Shortest wait before trying again; 'tomorrow' waits for the next UTC day. */
  retryAfterMs?: number | 'tomorrow';
  /** Append TikTok's own message (for parameter errors it names the field at fault). */
  quoteTikTok?: boolean;
  /** Refreshing the token and trying once more may succeed. */
  tokenRejected?: boolean;
  /** The message names the origin of the media URL (filled in by the classifier). */
  namesMediaOrigin?: boolean;
  /** What commit sent is gone: the workflow prepares again and starts a new upload. */
  prepareAgain?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const fail = (code: ErrorCode, message: string, extra: Partial<TikTokErrorRule> = {}): TikTokErrorRule => ({
  code,
  retryable: false,
  message,
  ...extra,
});
const later = (code: ErrorCode, message: string, retryAfterMs: TikTokErrorRule['retryAfterMs'], extra: Partial<TikTokErrorRule> = {}): TikTokErrorRule => ({
  code,
  retryable: true,
  message,
  retryAfterMs,
  ...extra,
});

export const UNAUDITED_APP_MESSAGE =
  'The TikTok app Herald uses is not yet audited by TikTok, so posts only work with visibility "Only me" ' +
  '(SELF_ONLY) on a private account: set the TikTok account to private and the post\'s visibility to ' +
  '"Only me", or wait until TikTok has audited the app.';

export const PENDING_SHARES_MESSAGE =
  'Too many posts are waiting in this account\'s TikTok inbox: finish or delete the drafts in the TikTok ' +
  'app\'s inbox, then Herald can send more.';

const SESSION_EXPIRED = 'TikTok no longer accepts this channel\'s login: reconnect TikTok, then publish again.';
const PERMISSION =
  'Herald was not granted every TikTok permission it needs: reconnect TikTok and allow all requested permissions.';
const DAILY_POSTS =
  'TikTok\'s daily limit of posts published through apps is reached for this account; Herald will try again ' +
  'in 24 hours (or post it from the TikTok app).';
const TEMPORARY = 'TikTok had a temporary problem; Herald will try again.';

/** Keyed by the envelope's `error.code` (spec 4.8); 5xx and internal_error are handled apart. */
export const TIKTOK_ERROR_RULES: Readonly<Record<string, TikTokErrorRule>> = {
  access_token_invalid: fail('RECONNECT_NEEDED', SESSION_EXPIRED, { tokenRejected: true }),
  scope_not_authorized: fail('PERMISSION_MISSING', PERMISSION),
  scope_permission_missed: fail('PERMISSION_MISSING', PERMISSION),
  privacy_level_option_mismatch: fail(
    'PRIVACY_NOT_ALLOWED',
    'That visibility is not available for this TikTok account: choose one of the options TikTok offers for it.',
  ),
  unaudited_client_can_only_post_to_private_accounts: fail('PRIVACY_NOT_ALLOWED', UNAUDITED_APP_MESSAGE),
  url_ownership_unverified: fail('VALIDATION', '', { namesMediaOrigin: true }),
  spam_risk_too_many_posts: later('RATE_LIMITED', DAILY_POSTS, DAY),
  spam_risk_too_many_pending_share: later('RATE_LIMITED', PENDING_SHARES_MESSAGE, HOUR),
  spam_risk_user_banned_from_posting: fail('CONTENT_REJECTED', 'TikTok has blocked this account from posting.'),
  reached_active_user_cap: later(
    'RATE_LIMITED',
    'TikTok\'s daily limit of accounts posting through Herald\'s TikTok app is reached; Herald will try again tomorrow.',
    'tomorrow',
  ),
  invalid_param: fail('VALIDATION', 'TikTok refused the post\'s settings.', { quoteTikTok: true }),
  invalid_params: fail('VALIDATION', 'TikTok refused the post\'s settings.', { quoteTikTok: true }),
  invalid_file_upload: fail('MEDIA_REJECTED', 'TikTok rejected the file: check it against TikTok\'s video specifications.', { quoteTikTok: true }),
  app_version_check_failed: fail('VALIDATION', 'Sending to the TikTok inbox needs a recent TikTok app: update the TikTok app, then publish again.'),
  rate_limit_exceeded: later('RATE_LIMITED', 'TikTok asked Herald to slow down; Herald will try again in a minute.', MINUTE),
  invalid_publish_id: fail('INTERNAL', 'TikTok does not know the post Herald asked about.', { quoteTikTok: true }),
  token_not_authorized_for_specified_publish_id: fail('INTERNAL', 'TikTok says this post belongs to another account.', { quoteTikTok: true }),
};

/** An error code no rule knows: TikTok refused, and its own words are the best explanation. */
export const UNKNOWN_TIKTOK_ERROR: TikTokErrorRule = fail('CONTENT_REJECTED', 'TikTok refused the post.', { quoteTikTok: true });

export const TRANSIENT_TIKTOK_ERROR: TikTokErrorRule = later('NETWORK_UNAVAILABLE', TEMPORARY, undefined);

/** `fail_reason` of a FAILED status fetch: TikTok gave up on a post it had accepted (spec 4.8). */
export const TIKTOK_FAIL_REASONS: Readonly<Record<string, TikTokErrorRule>> = {
  internal: later('NETWORK_UNAVAILABLE', 'TikTok failed while processing the post; Herald will send it again.', undefined),
  // TikTok's downloads fail now and then; a URL that is not public fails every time, and the
  // workflow's bounded commit attempts end it.
  video_pull_failed: later(
    'MEDIA_UNREACHABLE',
    'TikTok could not download the video from its URL: it must be public and return the file itself.',
    MINUTE,
  ),
  photo_pull_failed: later(
    'MEDIA_UNREACHABLE',
    'TikTok could not download the photos from their URLs: they must be public and return the files themselves.',
    MINUTE,
  ),
  file_format_check_failed: fail(
    'MEDIA_REJECTED',
    'TikTok could not read the file: send an MP4 video (H.264 or H.265) or JPEG/WEBP photos.',
  ),
  duration_check_failed: fail(
    'MEDIA_REJECTED',
    'The video\'s length is outside what TikTok allows for this account: shorten the video, then publish again.',
  ),
  frame_rate_check_failed: fail('MEDIA_REJECTED', 'TikTok takes videos between 23 and 60 frames per second: re-encode the video.'),
  picture_size_check_failed: fail(
    'MEDIA_REJECTED',
    'The picture size is outside TikTok\'s limits: videos between 360 and 4096 pixels per side, photos at most 1080p.',
  ),
  publish_cancelled: fail('CONTENT_REJECTED', 'The post was cancelled on TikTok before it was published.'),
  auth_removed: fail('RECONNECT_NEEDED', 'The TikTok account withdrew Herald\'s access: reconnect TikTok, then publish again.'),
  spam_risk_too_many_posts: later('RATE_LIMITED', DAILY_POSTS, DAY),
  spam_risk_user_banned_from_posting: fail('CONTENT_REJECTED', 'TikTok has blocked this account from posting.'),
  spam_risk_text: fail('CONTENT_REJECTED', 'TikTok refused the post\'s text as spam: change the text, then publish again.'),
  spam_risk: fail('CONTENT_REJECTED', 'TikTok refused the post as spam.'),
};

export const UNKNOWN_FAIL_REASON: TikTokErrorRule = fail('CONTENT_REJECTED', 'TikTok could not publish the post.');
