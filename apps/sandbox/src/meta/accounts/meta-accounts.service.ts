import { AdminInputError } from '../../network/sandbox-network.types';
import { DEFAULT_QUOTA_TOTAL, setQuotaUsage } from '../instagram/instagram-quota.util';
import { derivedNumericId, derivedToken, randomToken } from '../meta-ids.util';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { FacebookPage, InstagramAccount, MetaUser } from '../meta-state.types';
import { instagramView, pageView, type MetaAccountView } from './meta-account.view';

interface NewIds {
  userId: string;
  pageId: string;
  igUserId: string;
  userToken: string;
  pageToken: string;
  loginToken: string;
  appScopedId: string;
}

/** Creates, lists and changes Facebook Pages and Instagram accounts for the admin API. */
export class MetaAccountsService {
  constructor(private readonly deps: MetaDeps) {}

  private get state() {
    return metaState(this.deps);
  }

  list(): MetaAccountView[] {
    const now = this.deps.clock.now();
    return [
      ...Object.values(this.state.pages).map((p) => pageView(this.state, p)),
      ...Object.values(this.state.igAccounts).map((a) => instagramView(this.state, a, now)),
    ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  create(input: Record<string, unknown>): MetaAccountView {
    const changes = parseAccountPatch(input);
    if (input.network === 'facebook') assertPageChanges(changes);
    const name = optionalString(input, 'name');
    const username = optionalString(input, 'username');
    const ids = this.randomIds();
    if (input.network === 'facebook') {
      const page = this.createPage(ids, name ?? `Sandbox Page ${ids.pageId.slice(-4)}`, username);
      return this.apply(page.id, changes)!;
    }
    const linkTo = optionalString(input, 'pageId');
    let page: FacebookPage;
    if (linkTo !== undefined) {
      const existing = this.state.pages[linkTo];
      if (!existing) throw new AdminInputError(`no Facebook Page ${linkTo}`, 404);
      if (Object.values(this.state.igAccounts).some((a) => a.pageId === linkTo)) {
        throw new AdminInputError(`Page ${linkTo} already has a linked Instagram account`, 409);
      }
      page = existing;
    } else {
      page = this.createPage(ids, `${name ?? 'Sandbox Instagram'} Page`, undefined);
    }
    const account = this.createInstagram(ids, page, name ?? `Sandbox Instagram ${ids.igUserId.slice(-4)}`, username);
    return this.apply(account.id, changes)!;
  }

  /** Applies the flags and quota numbers present in `input`; undefined when there is no such account. */
  patch(id: string, input: Record<string, unknown>): MetaAccountView | undefined {
    return this.apply(id, parseAccountPatch(input));
  }

  private apply(id: string, changes: AccountPatch): MetaAccountView | undefined {
    const now = this.deps.clock.now();
    const page = this.state.pages[id];
    if (page) {
      assertPageChanges(changes);
      page.identityCheckpoint = changes.identityCheckpoint ?? page.identityCheckpoint;
      page.tokenExpired = changes.tokenExpired ?? page.tokenExpired;
      page.permissionMissing = changes.permissionMissing ?? page.permissionMissing;
      this.deps.store.changed();
      return pageView(this.state, page);
    }
    const account = this.state.igAccounts[id];
    if (!account) return undefined;
    const linked = this.state.pages[account.pageId];
    if (changes.identityCheckpoint !== undefined && linked) linked.identityCheckpoint = changes.identityCheckpoint;
    account.tokenExpired = changes.tokenExpired ?? account.tokenExpired;
    account.permissionMissing = changes.permissionMissing ?? account.permissionMissing;
    if (changes.quotaTotal !== undefined) account.quotaTotal = changes.quotaTotal;
    if (changes.quotaUsage !== undefined) setQuotaUsage(account, changes.quotaUsage, now);
    this.deps.store.changed();
    return instagramView(this.state, account, now);
  }

  /** The demo's Page and Instagram account, with ids and tokens derived from the seed. */
  seedIfEmpty(): void {
    if (Object.keys(this.state.pages).length > 0 || Object.keys(this.state.igAccounts).length > 0) return;
    const seed = this.deps.seed;
    const ids: NewIds = {
      userId: derivedNumericId(seed, 'user', 17),
      pageId: derivedNumericId(seed, 'page', 17),
      igUserId: `1784${derivedNumericId(seed, 'instagram', 14)}`,
      userToken: derivedToken(seed, 'user', 'facebook'),
      pageToken: derivedToken(seed, 'page', 'facebook'),
      loginToken: derivedToken(seed, 'instagram', 'instagram'),
      appScopedId: derivedNumericId(seed, 'instagram-app-scoped', 17),
    };
    const page = this.createPage(ids, 'Herald Demo Page', 'heralddemo');
    this.createInstagram(ids, page, 'Herald Demo', 'herald.demo');
  }

  private randomIds(): NewIds {
    return {
      userId: this.deps.newId(17),
      pageId: this.deps.newId(17),
      // Instagram business account ids start with 1784 in the wild.
      igUserId: `1784${this.deps.newId(13)}`,
      userToken: randomToken('facebook'),
      pageToken: randomToken('facebook'),
      loginToken: randomToken('instagram'),
      appScopedId: this.deps.newId(17),
    };
  }

  private createPage(ids: NewIds, name: string, username: string | undefined): FacebookPage {
    const now = this.deps.clock.nowIso();
    const user: MetaUser = { id: ids.userId, name: `${name} Admin`, userToken: ids.userToken, createdAt: now };
    const page: FacebookPage = {
      id: ids.pageId,
      name,
      category: 'Software',
      userId: user.id,
      pageToken: ids.pageToken,
      identityCheckpoint: false,
      tokenExpired: false,
      permissionMissing: false,
      createdAt: now,
    };
    if (username !== undefined) page.username = username;
    this.state.users[user.id] = user;
    this.state.pages[page.id] = page;
    this.state.tokens[user.userToken] = { kind: 'user', userId: user.id, issuedAt: now };
    this.state.tokens[page.pageToken] = { kind: 'page', pageId: page.id, issuedAt: now };
    this.deps.store.changed();
    return page;
  }

  private createInstagram(ids: NewIds, page: FacebookPage, name: string, username: string | undefined): InstagramAccount {
    const now = this.deps.clock.nowIso();
    const account: InstagramAccount = {
      id: ids.igUserId,
      name,
      username: username ?? `sandbox.${ids.igUserId.slice(-6)}`,
      pageId: page.id,
      loginToken: ids.loginToken,
      appScopedId: ids.appScopedId,
      tokenExpired: false,
      permissionMissing: false,
      quotaTotal: DEFAULT_QUOTA_TOTAL,
      quotaEvents: [],
      createdAt: now,
    };
    this.state.igAccounts[account.id] = account;
    this.state.tokens[account.loginToken] = { kind: 'instagram', igUserId: account.id, issuedAt: now };
    this.deps.store.changed();
    return account;
  }
}

interface AccountPatch {
  identityCheckpoint?: boolean;
  tokenExpired?: boolean;
  permissionMissing?: boolean;
  quotaUsage?: number;
  quotaTotal?: number;
}

function parseAccountPatch(input: Record<string, unknown>): AccountPatch {
  return {
    identityCheckpoint: optionalBoolean(input, 'identityCheckpoint'),
    tokenExpired: optionalBoolean(input, 'tokenExpired'),
    permissionMissing: optionalBoolean(input, 'permissionMissing'),
    quotaUsage: optionalCount(input, 'quotaUsage'),
    quotaTotal: optionalCount(input, 'quotaTotal'),
  };
}

function assertPageChanges(changes: AccountPatch): void {
  if (changes.quotaUsage !== undefined || changes.quotaTotal !== undefined) {
    throw new AdminInputError('quotaUsage and quotaTotal apply to Instagram accounts');
  }
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new AdminInputError(`${key} must be a non-empty string`);
  return value;
}

function optionalBoolean(input: Record<string, unknown>, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new AdminInputError(`${key} must be true or false`);
  return value;
}

function optionalCount(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new AdminInputError(`${key} must be a non-negative integer`);
  return value;
}
