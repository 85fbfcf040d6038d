import { AdminInputError } from '../../network/sandbox-network.types';
import { issueTokens } from '../oauth/tiktok-tokens.util';
import { makeOpenId, makeUnionId, type IdSource } from '../tiktok-ids.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import { TIKTOK_SCOPES, type TikTokAccount } from '../tiktok-state.types';
import { tiktokAccountView, type TikTokAccountView } from './tiktok-account.view';

/** TikTok's default cap for API posts (10 minutes); creators may have 180 or 300 instead. */
export const DEFAULT_MAX_VIDEO_DURATION_SEC = 600;

const FLAGS = [
  'unauditedApp',
  'privateAccount',
  'dailyCapReached',
  'bannedFromPosting',
  'tooManyPendingShares',
  'activeUserCapReached',
  'commentDisabled',
  'duetDisabled',
  'stitchDisabled',
] as const;
type Flag = (typeof FLAGS)[number];

interface AccountPatch {
  flags: Partial<Record<Flag, boolean>>;
  tokenExpired?: boolean;
  refreshTokenRevoked?: boolean;
  maxVideoDurationSec?: number;
  /** null clears it. */
  nextPublishFailReason?: string | null;
}

const PATCH_KEYS = new Set<string>([...FLAGS, 'tokenExpired', 'refreshTokenRevoked', 'maxVideoDurationSec', 'nextPublishFailReason']);
const CREATE_KEYS = new Set<string>([...PATCH_KEYS, 'network', 'name', 'username']);

/** Creates, lists and changes TikTok accounts for the admin API. */
export class TikTokAccountsService {
  constructor(private readonly deps: TikTokDeps) {}

  private get state() {
    return tiktokState(this.deps);
  }

  list(): TikTokAccountView[] {
    const now = this.deps.clock.now();
    return Object.values(this.state.accounts)
      .map((a) => tiktokAccountView(this.state, a, now))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  create(input: Record<string, unknown>): TikTokAccountView {
    const patch = parsePatch(input, CREATE_KEYS);
    const openId = makeOpenId('random');
    const suffix = openId.slice(-4);
    const account = this.createAccount(
      openId,
      makeUnionId('random'),
      optionalString(input, 'name') ?? `Sandbox TikTok ${suffix}`,
      optionalString(input, 'username') ?? `sandbox.${suffix.toLowerCase()}`,
    );
    issueTokens(this.deps, account, [...TIKTOK_SCOPES]);
    return this.apply(account, patch);
  }

  /** Undefined when no TikTok account has this open_id (another network may own the id). */
  patch(id: string, input: Record<string, unknown>): TikTokAccountView | undefined {
    const account = this.state.accounts[id];
    if (!account) return undefined;
    return this.apply(account, parsePatch(input, PATCH_KEYS));
  }

  /** "Herald Demo" / herald.demo, public and audited, with ids and tokens derived from the seed. */
  seedIfEmpty(): void {
    if (Object.keys(this.state.accounts).length > 0) return;
    const derived = (label: string): IdSource => ({ seed: this.deps.seed, label });
    const account = this.createAccount(makeOpenId(derived('demo-open-id')), makeUnionId(derived('demo-union-id')), 'Herald Demo', 'herald.demo');
    issueTokens(this.deps, account, [...TIKTOK_SCOPES], { accessSource: derived('demo-access'), refreshSource: derived('demo-refresh') });
  }

  private createAccount(openId: string, unionId: string, displayName: string, username: string): TikTokAccount {
    const account: TikTokAccount = {
      openId,
      unionId,
      displayName,
      username,
      accessToken: '',
      refreshToken: '',
      unauditedApp: false,
      privateAccount: false,
      accessValidFromSeq: 0,
      refreshValidFromSeq: 0,
      dailyCapReached: false,
      bannedFromPosting: false,
      tooManyPendingShares: false,
      activeUserCapReached: false,
      maxVideoDurationSec: DEFAULT_MAX_VIDEO_DURATION_SEC,
      commentDisabled: false,
      duetDisabled: false,
      stitchDisabled: false,
      createdAt: this.deps.clock.nowIso(),
    };
    this.state.accounts[openId] = account;
    this.deps.store.changed();
    return account;
  }

  private apply(account: TikTokAccount, patch: AccountPatch): TikTokAccountView {
    for (const flag of FLAGS) account[flag] = patch.flags[flag] ?? account[flag];
    // The flags cut off every token issued so far; a refresh or a new login afterwards works again.
    if (patch.tokenExpired !== undefined) account.accessValidFromSeq = patch.tokenExpired ? this.state.nextSeq : 0;
    if (patch.refreshTokenRevoked !== undefined) account.refreshValidFromSeq = patch.refreshTokenRevoked ? this.state.nextSeq : 0;
    if (patch.maxVideoDurationSec !== undefined) account.maxVideoDurationSec = patch.maxVideoDurationSec;
    if (patch.nextPublishFailReason === null) delete account.nextPublishFailReason;
    else if (patch.nextPublishFailReason !== undefined) account.nextPublishFailReason = patch.nextPublishFailReason;
    this.deps.store.changed();
    return tiktokAccountView(this.state, account, this.deps.clock.now());
  }
}

function parsePatch(input: Record<string, unknown>, allowed: ReadonlySet<string>): AccountPatch {
  const unknown = Object.keys(input).filter((key) => !allowed.has(key));
  if (unknown.length > 0) throw new AdminInputError(`unknown TikTok account keys: ${unknown.join(', ')}`);
  const flags: Partial<Record<Flag, boolean>> = {};
  for (const flag of FLAGS) flags[flag] = optionalBoolean(input, flag);
  const max = input.maxVideoDurationSec;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
    throw new AdminInputError('maxVideoDurationSec must be a positive integer');
  }
  const reason = input.nextPublishFailReason;
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || !/^[a-z_]+$/.test(reason))) {
    throw new AdminInputError('nextPublishFailReason must be a fail_reason such as internal or spam_risk_text, or null');
  }
  return {
    flags,
    tokenExpired: optionalBoolean(input, 'tokenExpired'),
    refreshTokenRevoked: optionalBoolean(input, 'refreshTokenRevoked'),
    maxVideoDurationSec: max as number | undefined,
    nextPublishFailReason: reason as string | null | undefined,
  };
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
