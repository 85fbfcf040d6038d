import { createHash } from 'node:crypto';
import { paramString, type Params } from '../../http/request-params.util';
import { grantIsLive } from '../http/tiktok-auth';
import { TikTokOAuthError } from '../http/tiktok-error';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokAuthCode } from '../tiktok-state.types';
import { issueTokens, type IssuedTokens } from './tiktok-tokens.util';

/** The token endpoint's success shape (spec 4.2); no envelope, unlike the rest of the API. */
export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  open_id: string;
  refresh_expires_in: number;
  refresh_token: string;
  scope: string;
  token_type: 'Bearer';
}

function required(params: Params, name: string): string {
  const value = paramString(params, name);
  if (!value) throw new TikTokOAuthError('invalid_request', `The parameter ${name} is required.`);
  return value;
}

const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** RFC 7636 S256 is base64url; TikTok's desktop guide hex-encodes the hash instead. Both are accepted. */
function verifierMatches(code: TikTokAuthCode, verifier: string): boolean {
  if ((code.codeChallengeMethod ?? 'S256').toUpperCase() === 'PLAIN') return verifier === code.codeChallenge;
  const digest = createHash('sha256').update(verifier).digest();
  return code.codeChallenge === base64url(digest) || code.codeChallenge?.toLowerCase() === digest.toString('hex');
}

function consumeCode(deps: TikTokDeps, params: Params): TikTokAuthCode {
  const code = tiktokState(deps).authCodes[required(params, 'code')];
  const redirectUri = required(params, 'redirect_uri');
  if (!code) throw new TikTokOAuthError('invalid_grant', 'Authorization code is invalid.');
  if (code.used) throw new TikTokOAuthError('invalid_grant', 'Authorization code has been used.');
  if (Date.parse(code.expiresAt) <= deps.clock.now().getTime()) throw new TikTokOAuthError('invalid_grant', 'Authorization code is expired.');
  if (code.redirectUri !== redirectUri) throw new TikTokOAuthError('invalid_grant', 'The redirect_uri does not match the one of the authorization request.');
  if (code.codeChallenge !== undefined) {
    const verifier = paramString(params, 'code_verifier');
    if (!verifier || !verifierMatches(code, verifier)) throw new TikTokOAuthError('invalid_request', 'Code verifier or code challenge is invalid.');
  }
  code.used = true;
  return code;
}

function answer(openId: string, issued: IssuedTokens): TokenAnswer {
  return {
    access_token: issued.accessToken,
    expires_in: issued.accessExpiresIn ?? 0,
    open_id: openId,
    refresh_expires_in: issued.refreshExpiresIn ?? 0,
    refresh_token: issued.refreshToken,
    scope: issued.scopes.join(','),
    token_type: 'Bearer',
  };
}

/**
 * POST /v2/oauth/token/ (form body): an authorization code, or a refresh token, for a new token
 * pair. Every refresh rotates the refresh token: the one used stops working at once. Client keys
 * and secrets are required but not checked: the sandbox has no app registry.
 */
export function exchangeToken(deps: TikTokDeps, params: Params): TokenAnswer {
  const state = tiktokState(deps);
  const grantType = required(params, 'grant_type');
  required(params, 'client_key');
  required(params, 'client_secret');
  const lifetimes = { accessTtlSec: deps.options.accessTokenTtlSec, refreshTtlSec: deps.options.refreshTokenTtlSec };
  if (grantType === 'authorization_code') {
    const code = consumeCode(deps, params);
    const account = state.accounts[code.openId];
    if (!account) throw new TikTokOAuthError('invalid_grant', 'Authorization code is invalid.');
    deps.store.changed();
    return answer(account.openId, issueTokens(deps, account, code.scopes, lifetimes));
  }
  if (grantType === 'refresh_token') {
    const token = required(params, 'refresh_token');
    const grant = state.refreshTokens[token];
    const account = grant && state.accounts[grant.openId];
    if (!grant || !account || !grantIsLive(grant, account.refreshValidFromSeq, deps.clock.now())) {
      throw new TikTokOAuthError('invalid_grant', 'Refresh token is invalid or expired.');
    }
    delete state.refreshTokens[token];
    return answer(account.openId, issueTokens(deps, account, grant.scopes, lifetimes));
  }
  throw new TikTokOAuthError('unsupported_grant_type', `The grant_type ${grantType} is not supported.`);
}
