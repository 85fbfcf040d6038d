import { randomOAuthCode } from '../meta-ids.util';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { OAuthCode } from '../meta-state.types';
import { codeAlreadyUsed, codeExpired, invalidVerificationCode, redirectUriMismatch } from './oauth.errors';

const CODE_LIFETIME_MS = 10 * 60_000;

export function mintCode(deps: MetaDeps, fields: Omit<OAuthCode, 'code' | 'expiresAt' | 'used'>): string {
  const code = randomOAuthCode();
  const expiresAt = new Date(deps.clock.now().getTime() + CODE_LIFETIME_MS).toISOString();
  metaState(deps).oauthCodes[code] = { ...fields, code, expiresAt, used: false };
  deps.store.changed();
  return code;
}

/** A code is good once, for ten minutes, with the redirect_uri it was issued for. */
export function consumeCode(deps: MetaDeps, network: OAuthCode['network'], code: string, redirectUri: string): OAuthCode {
  const record = metaState(deps).oauthCodes[code];
  if (!record || record.network !== network) throw invalidVerificationCode();
  if (record.used) throw codeAlreadyUsed();
  if (Date.parse(record.expiresAt) <= deps.clock.now().getTime()) throw codeExpired();
  if (record.redirectUri !== redirectUri) throw redirectUriMismatch();
  record.used = true;
  deps.store.changed();
  return record;
}
