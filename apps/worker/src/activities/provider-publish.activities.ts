import { ApplicationFailure } from '@temporalio/activity';
import { PUBLISH_FAILURE_TYPE, type PostRef, type ProviderPublishActivities } from '@herald/contracts';
import type { IntegrationRepository, PostRepository } from '@herald/db';
import { ERROR_CODES, type Network, type ProviderId, type PublishFailure, networkOf, toPlainText } from '@herald/domain';
import type { ProviderAdapter, PublishablePost, PublishContext } from '@herald/providers';
import type { Logger } from '@herald/config';
import { classified, toApplicationFailure } from './application-failure.util';

export interface ProviderPublishDeps {
  /** The network whose task queue these activities serve. */
  network: Network;
  /** Adapters by provider; both Instagram logins share the Instagram queue. */
  adapters: Partial<Record<ProviderId, ProviderAdapter>>;
  posts: PostRepository;
  integrations: IntegrationRepository;
  logger: Logger;
}

function refused(code: PublishFailure['code'], message: string): ApplicationFailure {
  return toApplicationFailure({ code, message, retryable: false, outcome: 'not-applied' });
}

/**
 * One network's publishing steps as activities. Each call loads the post and the channel's
 * credentials itself, so that tokens never travel through workflow history.
 */
export function createProviderPublishActivities(deps: ProviderPublishDeps): ProviderPublishActivities {
  const { network, adapters, posts, integrations, logger } = deps;

  interface Loaded {
    adapter: ProviderAdapter;
    ctx: PublishContext;
    post: PublishablePost;
  }

  async function load({ organizationId, postId }: PostRef): Promise<Loaded> {
    const record = await posts.getForPublish(organizationId, postId);
    if (!record) throw refused('INTERNAL', `Post ${postId} no longer exists.`);
    const { integration } = record;
    if (integration.deleted || integration.disabled) throw refused('CHANNEL_UNAVAILABLE', ERROR_CODES.CHANNEL_UNAVAILABLE);
    if (integration.refreshNeeded) throw refused('RECONNECT_NEEDED', ERROR_CODES.RECONNECT_NEEDED);
    const adapter = adapters[integration.provider];
    if (networkOf(integration.provider) !== network || !adapter) {
      // A routing bug, not the user's doing: say so plainly rather than retry forever.
      throw ApplicationFailure.nonRetryable(
        `Post ${postId} is for ${integration.provider}, which the ${network} queue cannot publish`,
        PUBLISH_FAILURE_TYPE,
        { code: 'INTERNAL', message: ERROR_CODES.INTERNAL, retryable: false, outcome: 'not-applied' },
      );
    }
    const credentials = await integrations.getCredentials(organizationId, integration.id);
    if (!credentials) throw refused('CHANNEL_UNAVAILABLE', ERROR_CODES.CHANNEL_UNAVAILABLE);
    return {
      adapter,
      ctx: { account: { provider: integration.provider, internalId: integration.internalId }, credentials },
      post: { postId, content: toPlainText(record.content), media: record.media, settings: record.settings },
    };
  }

  return {
    async preparePublish(ref) {
      const { adapter, ctx, post } = await load(ref);
      return classified(() => adapter.prepare(ctx, post));
    },

    async checkPrepared({ prepared, ...ref }) {
      const { adapter, ctx } = await load(ref);
      return classified(() => adapter.check(ctx, prepared));
    },

    async commitPublish({ prepared, ...ref }) {
      const { adapter, ctx, post } = await load(ref);
      logger.info({ ...ref, provider: ctx.account.provider }, 'publishing to the network');
      const outcome = await classified(() => adapter.commit(ctx, post, prepared));
      logger.info(
        { ...ref, outcome: outcome.status, releaseId: outcome.status === 'published' ? outcome.ref.releaseId : undefined },
        'network accepted the post',
      );
      return outcome;
    },

    async confirmPublished({ pending, ...ref }) {
      const { adapter, ctx } = await load(ref);
      return classified(() => adapter.confirm(ctx, pending));
    },

    async reconcilePublish({ prepared, commitStartedAt, progress, ...ref }) {
      const { adapter, ctx, post } = await load(ref);
      const result = await classified(() => adapter.reconcile(ctx, post, prepared, new Date(commitStartedAt), progress));
      logger.warn({ ...ref, reconcile: result.status }, 'reconciled a publish whose outcome was unknown');
      return result;
    },

    async resolvePermalink({ releaseId, ...ref }) {
      const { adapter, ctx } = await load(ref);
      return classified(() => adapter.permalink(ctx, releaseId));
    },
  };
}
