import type { Express } from 'express';
import type { NetworkPipelineDeps } from '../http/network-pipeline';
import type { CommentItem, SandboxNetwork } from '../network/sandbox-network.types';
import { MetaAccountsService } from './accounts/meta-accounts.service';
import { createGraphHostRouter } from './graph/graph-host.router';
import { commentItem } from './meta-comments.util';
import { metaState, type MetaDeps } from './meta-deps.types';
import { mountOAuthDialogs } from './oauth/oauth-dialogs.router';

/** Facebook Pages and Instagram business accounts: both Graph hosts, the login dialogs, and their admin accounts. */
export class MetaNetwork implements SandboxNetwork {
  readonly accountNetworks = ['facebook', 'instagram'] as const;
  private readonly accounts: MetaAccountsService;

  constructor(
    private readonly deps: MetaDeps,
    private readonly pipeline: NetworkPipelineDeps,
  ) {
    this.accounts = new MetaAccountsService(deps);
  }

  mount(app: Express): void {
    app.use('/graph.facebook.com', createGraphHostRouter(this.deps, this.pipeline, 'graph.facebook.com'));
    app.use('/graph.instagram.com', createGraphHostRouter(this.deps, this.pipeline, 'graph.instagram.com'));
    mountOAuthDialogs(app, this.deps, this.pipeline);
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

  listComments(): CommentItem[] {
    return Object.values(metaState(this.deps).comments).map(commentItem);
  }

  seedIfEmpty(): void {
    this.accounts.seedIfEmpty();
  }
}
