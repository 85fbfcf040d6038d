import { accessTokenRequired, invalidAccessToken, sessionExpired } from './graph.errors';
import type { Owner } from './graph-objects';
import type { MetaHost } from '../meta-deps.types';
import type { InstagramAccount, MetaState, TokenGrant } from '../meta-state.types';
import type { GraphError } from './graph-error';

/** The caller, as its access token identifies it. */
export interface Principal {
  token: string;
  grant: TokenGrant;
}

// Instagram-login tokens are read only by graph.instagram.com and Facebook-login tokens only by
// graph.facebook.com; the other host cannot parse them.
const GRANT_HOST: Record<TokenGrant['kind'], MetaHost> = {
  user: 'graph.facebook.com',
  page: 'graph.facebook.com',
  instagram: 'graph.instagram.com',
};

/** Finds the token's grant; throws 104 without a token, 190 for an unknown or foreign one, 190/463 when expired. */
export function authenticate(state: MetaState, host: MetaHost, token: string | undefined, now: Date): Principal {
  if (!token) throw accessTokenRequired();
  const grant = state.tokens[token];
  if (!grant || GRANT_HOST[grant.kind] !== host) throw invalidAccessToken();
  const principal = { token, grant };
  const expired = expiryOf(state, principal, now);
  if (expired) throw expired;
  return principal;
}

/** 190/463 when the grant's own lifetime is over or an account it belongs to has `tokenExpired`. */
function expiryOf(state: MetaState, principal: Principal, now: Date): GraphError | undefined {
  const { grant } = principal;
  if ('expiresAt' in grant && grant.expiresAt && Date.parse(grant.expiresAt) <= now.getTime()) {
    return sessionExpired(new Date(grant.expiresAt), now);
  }
  const flagged = accountsOf(state, grant).some((account) => account.tokenExpired);
  // The flag has no date of its own: report a session that ended an hour ago.
  return flagged ? sessionExpired(new Date(now.getTime() - 3_600_000), now) : undefined;
}

function accountsOf(state: MetaState, grant: TokenGrant): Array<{ tokenExpired: boolean }> {
  switch (grant.kind) {
    case 'user': {
      const pages = Object.values(state.pages).filter((p) => p.userId === grant.userId);
      const pageIds = new Set(pages.map((p) => p.id));
      return [...pages, ...Object.values(state.igAccounts).filter((a) => pageIds.has(a.pageId))];
    }
    case 'page':
      return state.pages[grant.pageId] ? [state.pages[grant.pageId]!] : [];
    case 'instagram':
      return state.igAccounts[grant.igUserId] ? [state.igAccounts[grant.igUserId]!] : [];
  }
}

/** The id `me` stands for. */
export function selfId(principal: Principal): string {
  switch (principal.grant.kind) {
    case 'user':
      return principal.grant.userId;
    case 'page':
      return principal.grant.pageId;
    case 'instagram':
      return principal.grant.igUserId;
  }
}

/**
 * A user token reaches the user's Pages and their Instagram accounts; a Page token its Page and
 * the Instagram account linked to it; an Instagram-login token its own account.
 */
export function canAccess(state: MetaState, principal: Principal, owner: Owner): boolean {
  const { grant } = principal;
  const ig: InstagramAccount | undefined = owner.network === 'instagram' ? state.igAccounts[owner.igUserId] : undefined;
  const pageId = owner.network === 'facebook' ? owner.pageId : ig?.pageId;
  switch (grant.kind) {
    case 'user':
      if (owner.network === 'user') return owner.userId === grant.userId;
      return pageId !== undefined && state.pages[pageId]?.userId === grant.userId;
    case 'page':
      return pageId === grant.pageId;
    case 'instagram':
      return owner.network === 'instagram' && owner.igUserId === grant.igUserId;
  }
}

/** The target account's own `tokenExpired` flag: a Page token acting on a flagged IG account fails too. */
export function targetExpiry(state: MetaState, owner: Owner, now: Date): GraphError | undefined {
  const account =
    owner.network === 'facebook' ? state.pages[owner.pageId] : owner.network === 'instagram' ? state.igAccounts[owner.igUserId] : undefined;
  return account?.tokenExpired ? sessionExpired(new Date(now.getTime() - 3_600_000), now) : undefined;
}
