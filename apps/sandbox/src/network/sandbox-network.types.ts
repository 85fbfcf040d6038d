import type { Express, Router } from 'express';

/** An admin request the network cannot accept; answered with 400 (or `status`). */
export class AdminInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AdminInputError';
  }
}

/** A comment a network holds, as the admin API lists it (GET /__sandbox/comments). */
export interface CommentItem {
  id: string;
  network: string;
  /** The account that wrote it (on its own post). */
  accountId: string;
  /** The post or comment it was made on. */
  parentId: string;
  text: string;
  createdAt: string;
}

/**
 * One emulated provider family (Meta, TikTok). The app mounts its hosts and routes the admin
 * account API to it by the `network` names it claims. Everything else (store, clock, request
 * log, faults, media fetcher) is shared and handed to it at construction.
 */
export interface SandboxNetwork {
  /** Values of `network` in the admin account API that this module owns, e.g. facebook, instagram. */
  readonly accountNetworks: readonly string[];
  mount(app: Express): void;
  createAccount(input: Record<string, unknown>): unknown;
  listAccounts(): unknown[];
  /** The updated account, or undefined when this module has no account with that id. */
  patchAccount(id: string, patch: Record<string, unknown>): unknown;
  /** Creates the default demo accounts when the state holds none of this module's accounts. */
  seedIfEmpty(): void;
  /** Adds the module's own admin routes (under /__sandbox) before the admin API's fallback. */
  mountAdmin?(router: Router): void;
  /** The comments made through the network's API, oldest first; absent where it has no comments (TikTok). */
  listComments?(): CommentItem[];
  /** Forgets what the module keeps outside the store (it is called before the store is seeded again). */
  reset?(): void;
}
