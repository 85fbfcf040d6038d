import type { PublishFailure } from '@herald/domain';
import { isJsonObject, numberField, objectField, stringField } from '../json-fields.util';
import type { ProviderCredentials } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import type { TikTokClient } from './tiktok-client';
import { classifyTikTokError } from './tiktok.errors';

export const TIKTOK_TOKEN_PATH = '/v2/oauth/token/';

export interface TikTokApp {
  clientKey: string;
  clientSecret: string;
}

// OAuth errors that say the user's grant is gone: only reconnecting helps.
const GRANT_GONE = new Set(['invalid_grant', 'access_denied', 'invalid_scope']);
// OAuth errors about Herald's own app registration: reconnecting would not help.
const APP_REFUSED = new Set(['invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_request']);

const RECONNECT = 'TikTok no longer accepts this channel\'s login: reconnect TikTok, then publish again.';

/**
 * Exchanges the refresh token for new credentials. TikTok may rotate the refresh token (always
 * keep the new one) and states the lifetime in `expires_in` (never assumed). OAuth errors may
 * arrive with HTTP 200, so the body's `error` is read whatever the status. Only a refused grant
 * is RECONNECT_NEEDED; anything transient is retryable, so a blip never disconnects a channel.
 */
export async function refreshTikTokToken(
  client: TikTokClient,
  app: TikTokApp,
  credentials: ProviderCredentials,
  now: Date,
): Promise<ProviderCredentials> {
  if (!app.clientKey || !app.clientSecret) {
    throw refusal({
      code: 'INTERNAL',
      message: 'Herald has no TikTok client key and secret configured, so it cannot refresh TikTok logins.',
      retryable: false,
    });
  }
  if (!credentials.refreshToken) throw refusal({ code: 'RECONNECT_NEEDED', message: RECONNECT, retryable: false });

  const answer = await client.token(TIKTOK_TOKEN_PATH, {
    client_key: app.clientKey,
    client_secret: app.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: credentials.refreshToken,
  });
  const { status, body } = answer;
  const oauthError = stringField(body, 'error');
  if (oauthError !== undefined) throw oauthRefusal(oauthError, status, stringField(body, 'log_id'));
  if (objectField(body, 'error') !== undefined || status < 200 || status >= 300) {
    if (status >= 500 || status === 429) {
      throw new ProviderError(classifyTikTokError(status, body, { effect: 'read', headers: answer.headers, now }));
    }
    throw refusal({
      code: 'INTERNAL',
      message: `TikTok answered the token refresh with HTTP ${status} and no OAuth error; check the TikTok API address.`,
      retryable: false,
      network: { status },
    });
  }

  const accessToken = stringField(body, 'access_token');
  if (!accessToken || !isJsonObject(body)) {
    throw refusal({ code: 'NETWORK_UNAVAILABLE', message: 'TikTok answered the token refresh without a token; Herald will try again.', retryable: true });
  }
  // TikTok may rotate the refresh token: the old one may stop working once this answer is read.
  const refreshToken = stringField(body, 'refresh_token') ?? credentials.refreshToken;
  const refreshed: ProviderCredentials = { ...credentials, accessToken, refreshToken };
  const expiresIn = numberField(body, 'expires_in');
  if (expiresIn !== undefined && expiresIn > 0) refreshed.expiresAt = new Date(now.getTime() + expiresIn * 1000).toISOString();
  else delete refreshed.expiresAt;
  return refreshed;
}

function oauthRefusal(error: string, status: number, logId: string | undefined): ProviderError {
  const network = logId ? { status, code: error, traceId: logId } : { status, code: error };
  if (GRANT_GONE.has(error)) return refusal({ code: 'RECONNECT_NEEDED', message: RECONNECT, retryable: false, network });
  if (APP_REFUSED.has(error)) {
    return refusal({
      code: 'INTERNAL',
      message: `TikTok refused Herald's app credentials when refreshing the login (${error}); check the TikTok client key and secret.`,
      retryable: false,
      network,
    });
  }
  const throttled = status === 429 || error === 'rate_limit_exceeded';
  if (throttled || status >= 500 || error === 'server_error' || error === 'temporarily_unavailable') {
    return refusal({
      code: throttled ? 'RATE_LIMITED' : 'NETWORK_UNAVAILABLE',
      message: 'TikTok could not refresh the login just now; Herald will try again.',
      retryable: true,
      retryAfterMs: 60_000,
      network,
    });
  }
  return refusal({ code: 'INTERNAL', message: `TikTok refused the token refresh (${error}).`, retryable: false, network });
}

function refusal(failure: Omit<PublishFailure, 'outcome'>): ProviderError {
  return new ProviderError({ ...failure, outcome: 'not-applied' });
}
