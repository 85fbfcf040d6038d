import type { ErrorCode } from '@herald/domain';
import { UNAUDITED_APP_MESSAGE, PENDING_SHARES_MESSAGE } from './tiktok-error-rules';
import { classifyTikTokError, classifyTikTokTransportFailure, type TikTokCallEffect } from './tiktok.errors';

const NOW = new Date('2025-12-03T22:00:00.000Z');
const HOUR = 3_600_000;

function envelope(code: string, message = `TikTok says ${code}`) {
  return { data: {}, error: { code, message, log_id: '20251203220000ABCDEF' } };
}

type Row = [
  status: number,
  code: string,
  expected: ErrorCode,
  retryable: boolean,
  extra: { retryAfterMs?: number; tokenRejected?: boolean; message?: string | RegExp },
];

// HTTP status and envelope error.code of an init (a write) → what the workflow receives.
const TABLE: Row[] = [
  [401, 'access_token_invalid', 'RECONNECT_NEEDED', false, { tokenRejected: true }],
  [401, 'scope_not_authorized', 'PERMISSION_MISSING', false, {}],
  [401, 'scope_permission_missed', 'PERMISSION_MISSING', false, {}],
  [403, 'privacy_level_option_mismatch', 'PRIVACY_NOT_ALLOWED', false, {}],
  [403, 'unaudited_client_can_only_post_to_private_accounts', 'PRIVACY_NOT_ALLOWED', false, { message: UNAUDITED_APP_MESSAGE }],
  [403, 'url_ownership_unverified', 'VALIDATION', false, { message: /verify the media host https:\/\/cdn\.example\.net/ }],
  [403, 'spam_risk_too_many_posts', 'RATE_LIMITED', true, { retryAfterMs: 24 * HOUR }],
  [200, 'spam_risk_too_many_posts', 'RATE_LIMITED', true, { retryAfterMs: 24 * HOUR }],
  [403, 'spam_risk_too_many_pending_share', 'RATE_LIMITED', true, { retryAfterMs: HOUR, message: PENDING_SHARES_MESSAGE }],
  [403, 'spam_risk_user_banned_from_posting', 'CONTENT_REJECTED', false, {}],
  // 22:00 UTC: tomorrow starts in 2 hours.
  [403, 'reached_active_user_cap', 'RATE_LIMITED', true, { retryAfterMs: 2 * HOUR }],
  [200, 'reached_active_user_cap', 'RATE_LIMITED', true, { retryAfterMs: 2 * HOUR }],
  [400, 'invalid_param', 'VALIDATION', false, { message: 'TikTok refused the post\'s settings. TikTok said: "TikTok says invalid_param"' }],
  [400, 'invalid_params', 'VALIDATION', false, {}],
  [400, 'invalid_file_upload', 'MEDIA_REJECTED', false, {}],
  [400, 'app_version_check_failed', 'VALIDATION', false, {}],
  [429, 'rate_limit_exceeded', 'RATE_LIMITED', true, { retryAfterMs: 60_000 }],
  [400, 'some_future_code', 'CONTENT_REJECTED', false, { message: 'TikTok refused the post. TikTok said: "TikTok says some_future_code"' }],
];

describe(classifyTikTokError.name, () => {
  it.each(TABLE)('should classify HTTP %i %s as %s (retryable: %s)', (status, code, expected, retryable, extra) => {
    const failure = classifyTikTokError(status, envelope(code), { effect: 'publishing-write', mediaUrl: 'https://cdn.example.net/a/clip.mp4', now: NOW });

    expect(failure).toMatchObject({ code: expected, retryable, outcome: 'not-applied', network: { status, code, traceId: '20251203220000ABCDEF' } });
    expect(failure.retryAfterMs).toBe(extra.retryAfterMs);
    expect(failure.tokenRejected).toBe(extra.tokenRejected);
    if (typeof extra.message === 'string') expect(failure.message).toBe(extra.message);
    if (extra.message instanceof RegExp) expect(failure.message).toMatch(extra.message);
  });

  const serverErrors: Array<[TikTokCallEffect, ErrorCode, boolean, 'not-applied' | 'unknown']> = [
    ['read', 'NETWORK_UNAVAILABLE', true, 'not-applied'],
    ['invisible-write', 'NETWORK_UNAVAILABLE', true, 'not-applied'],
    ['publishing-write', 'OUTCOME_UNKNOWN', false, 'unknown'],
  ];
  it.each(serverErrors)('should classify 500 internal_error on a %s as %s (retryable: %s, outcome %s)', (effect, code, retryable, outcome) => {
    expect(classifyTikTokError(500, envelope('internal_error'), { effect, now: NOW })).toMatchObject({ code, retryable, outcome });
    expect(classifyTikTokError(502, '<html>Bad gateway</html>', { effect, now: NOW })).toMatchObject({ code, retryable, outcome });
  });

  it('should take a longer Retry-After on 429 and never shorten a daily cap with it', () => {
    const throttled = classifyTikTokError(429, envelope('rate_limit_exceeded'), { effect: 'read', headers: { 'retry-after': '90' }, now: NOW });
    const capped = classifyTikTokError(403, envelope('spam_risk_too_many_posts'), { effect: 'read', headers: { 'retry-after': '90' }, now: NOW });

    expect(throttled.retryAfterMs).toBe(90_000);
    expect(capped.retryAfterMs).toBe(24 * HOUR);
  });

  it('should classify on the code, not on words in the message', () => {
    const misleading = classifyTikTokError(400, envelope('invalid_param', 'access_token_invalid rate_limit_exceeded internal'), { effect: 'read', now: NOW });

    expect(misleading.code).toBe('VALIDATION');
  });

  it('should say what to check when TikTok answers without an envelope', () => {
    expect(classifyTikTokError(404, 'Not Found', { effect: 'read', now: NOW })).toMatchObject({ code: 'INTERNAL', retryable: false, network: { status: 404 } });
    expect(classifyTikTokError(401, '', { effect: 'read', now: NOW })).toMatchObject({ code: 'RECONNECT_NEEDED', tokenRejected: true });
  });
});

describe(classifyTikTokTransportFailure.name, () => {
  it('should make a lost answer unknown only for a write that may publish', () => {
    const lost = { maybeSent: true, reason: 'ECONNRESET' };

    expect(classifyTikTokTransportFailure(lost, { effect: 'publishing-write', now: NOW })).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown', retryable: false });
    expect(classifyTikTokTransportFailure(lost, { effect: 'invisible-write', now: NOW })).toMatchObject({ code: 'NETWORK_UNAVAILABLE', outcome: 'not-applied', retryable: true });
    expect(classifyTikTokTransportFailure({ maybeSent: false, reason: 'ECONNREFUSED' }, { effect: 'publishing-write', now: NOW })).toMatchObject({
      code: 'NETWORK_UNAVAILABLE',
      outcome: 'not-applied',
      retryable: true,
    });
  });
});
