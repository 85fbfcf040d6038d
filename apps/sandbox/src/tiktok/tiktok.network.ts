import type { Express, Router } from 'express';
import type { NetworkPipelineDeps } from '../http/network-pipeline';
import type { SandboxNetwork } from '../network/sandbox-network.types';
import { createTikTokAdminRoutes } from './accounts/tiktok-admin.routes';
import { TikTokAccountsService } from './accounts/tiktok-accounts.service';
import { createTikTokApiRouter } from './http/tiktok-api.router';
import { createTikTokUploadRouter } from './http/tiktok-upload.router';
import { createAuthorizeRouter } from './oauth/tiktok-authorize.router';
import { normalizePrefix } from './publish/tiktok-url-ownership.util';
import { tiktokState, type TikTokDeps } from './tiktok-deps.types';

/** TikTok's Content Posting API, its upload host, Login Kit, and the admin side of its accounts. */
export class TikTokNetwork implements SandboxNetwork {
  readonly accountNetworks = ['tiktok'] as const;
  private readonly accounts: TikTokAccountsService;

  constructor(
    private readonly deps: TikTokDeps,
    private readonly pipeline: NetworkPipelineDeps,
  ) {
    this.accounts = new TikTokAccountsService(deps);
  }

  mount(app: Express): void {
    app.use('/open.tiktokapis.com', createTikTokApiRouter(this.deps, this.pipeline));
    app.use('/open-upload.tiktokapis.com', createTikTokUploadRouter(this.deps, this.pipeline));
    app.use('/www.tiktok.com', createAuthorizeRouter(this.deps, this.pipeline));
  }

  mountAdmin(router: Router): void {
    router.use('/tiktok', createTikTokAdminRoutes(this.deps));
  }

  createAccount(input: Record<string, unknown>): unknown {
    return this.accounts.create(input);
  }

  listAccounts(): unknown[] {
    return this.accounts.list();
  }

  patchAccount(id: string, patch: Record<string, unknown>): unknown {
    return this.accounts.patch(id, patch);
  }

  /** The demo account, and the configured verified prefixes (added again at every start, so a changed setting applies). */
  seedIfEmpty(): void {
    this.accounts.seedIfEmpty();
    const state = tiktokState(this.deps);
    const configured = this.deps.options.verifiedUrlPrefixes.map(normalizePrefix).filter((p): p is string => p !== undefined);
    const missing = configured.filter((p) => !state.verifiedUrlPrefixes.includes(p));
    if (missing.length > 0) {
      state.verifiedUrlPrefixes.push(...missing);
      this.deps.store.changed();
    }
  }

  reset(): void {
    this.deps.rateLimiter.clear();
  }
}
