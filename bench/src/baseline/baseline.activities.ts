import type { ProviderAdapter } from '@herald/providers';
import type { ProviderId } from '@herald/domain';
import type { BaselineActivities, BaselinePost } from './baseline.types';

/** The adapters' calls with the context and post the workflow carries: no database, no checks. */
export function createBaselineActivities(adapters: Partial<Record<ProviderId, ProviderAdapter>>): BaselineActivities {
  const adapterOf = ({ ctx }: BaselinePost): ProviderAdapter => {
    const adapter = adapters[ctx.account.provider];
    if (!adapter) throw new Error(`no adapter for ${ctx.account.provider}`);
    return adapter;
  };
  return {
    prepare: (input) => adapterOf(input).prepare(input.ctx, input.post),
    check: (input) => adapterOf(input).check(input.ctx, input.prepared),
    commit: (input) => adapterOf(input).commit(input.ctx, input.post, input.prepared),
    confirm: (input) => adapterOf(input).confirm(input.ctx, input.pending),
    permalink: (input) => adapterOf(input).permalink(input.ctx, input.releaseId),
  };
}
