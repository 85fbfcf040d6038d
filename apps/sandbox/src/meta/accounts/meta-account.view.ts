import { quotaUsage } from '../instagram/instagram-quota.util';
import type { FacebookPage, InstagramAccount, MetaState } from '../meta-state.types';

/** An account as the admin API shows it; tokens included, this is a local emulator. */
export interface MetaAccountView {
  network: 'facebook' | 'instagram';
  id: string;
  name: string;
  username?: string;
  /** Facebook login: the Page's token (for Instagram, the linked Page's). */
  accessToken: string;
  userAccessToken: string;
  userId: string;
  /** Instagram: the linked Page. */
  pageId?: string;
  /** Instagram: the graph.instagram.com token. */
  instagramLoginToken?: string;
  /** Facebook: the Instagram account linked to the Page, if any. */
  instagramAccountId?: string;
  state: {
    identityCheckpoint: boolean;
    tokenExpired: boolean;
    permissionMissing: boolean;
    quotaUsage?: number;
    quotaTotal?: number;
  };
  createdAt: string;
}

export function pageView(state: MetaState, page: FacebookPage): MetaAccountView {
  const linked = Object.values(state.igAccounts).find((a) => a.pageId === page.id);
  const view: MetaAccountView = {
    network: 'facebook',
    id: page.id,
    name: page.name,
    accessToken: page.pageToken,
    userAccessToken: state.users[page.userId]?.userToken ?? '',
    userId: page.userId,
    state: {
      identityCheckpoint: page.identityCheckpoint,
      tokenExpired: page.tokenExpired,
      permissionMissing: page.permissionMissing,
    },
    createdAt: page.createdAt,
  };
  if (page.username !== undefined) view.username = page.username;
  if (linked) view.instagramAccountId = linked.id;
  return view;
}

export function instagramView(state: MetaState, account: InstagramAccount, now: Date): MetaAccountView {
  const page = state.pages[account.pageId];
  return {
    network: 'instagram',
    id: account.id,
    name: account.name,
    username: account.username,
    accessToken: page?.pageToken ?? '',
    userAccessToken: (page && state.users[page.userId]?.userToken) ?? '',
    userId: page?.userId ?? '',
    pageId: account.pageId,
    instagramLoginToken: account.loginToken,
    state: {
      // The checkpoint is the Page admin's: it lives on the linked Page.
      identityCheckpoint: page?.identityCheckpoint ?? false,
      tokenExpired: account.tokenExpired,
      permissionMissing: account.permissionMissing,
      quotaUsage: quotaUsage(account, now),
      quotaTotal: account.quotaTotal,
    },
    createdAt: account.createdAt,
  };
}
