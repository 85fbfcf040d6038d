import { randomToken } from '../meta-ids.util';
import { metaState, type MetaDeps } from '../meta-deps.types';

export const SHORT_LIVED_SECONDS = 3600;
/** Meta's long-lived user tokens last about 60 days; the exact figure is the one Meta returns. */
export const LONG_LIVED_SECONDS = 5_183_944;

export const FACEBOOK_PERMISSIONS = [
  'public_profile',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
] as const;

export const INSTAGRAM_LOGIN_PERMISSIONS = ['instagram_business_basic', 'instagram_business_content_publish'] as const;

export interface IssuedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

export function issueUserToken(deps: MetaDeps, userId: string, lifetimeSeconds: number): IssuedToken {
  const now = deps.clock.now();
  const token = randomToken('facebook');
  metaState(deps).tokens[token] = {
    kind: 'user',
    userId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000).toISOString(),
  };
  deps.store.changed();
  return { access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds };
}

export function issueInstagramToken(deps: MetaDeps, igUserId: string, lifetimeSeconds: number): IssuedToken {
  const now = deps.clock.now();
  const token = randomToken('instagram');
  metaState(deps).tokens[token] = {
    kind: 'instagram',
    igUserId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000).toISOString(),
  };
  deps.store.changed();
  return { access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds };
}
