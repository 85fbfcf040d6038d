import { ApplicationFailure, Context } from '@temporalio/activity';
import { PUBLISH_FAILURE_TYPE, type PostRef, type ProviderPublishActivities } from '@herald/contracts';
import type { IntegrationRepository, PostRepository } from '@herald/db';
import { ERROR_CODES, type Network, type ProviderId, type PublishFailure, networkOf, toPlainText } from '@herald/domain';
import { ProviderError, type ProviderAdapter, type PublishablePost, type PublishContext } from '@herald/providers';
import type { Logger } from '@herald/config';
import type { ChannelThrottle } from '../channels/channel-throttle';
import type { ChannelRef, CredentialRefresher } from '../channels/credential-refresher';
import { toApplicationFailure } from './application-failure.util';
import { postLogger } from './post-logger.util';

export interface ProviderPublishDeps {
  /** The network whose task queue these activities serve. */
  network: Network;
  /** Adapters by provider; both Instagram logins share the Instagram queue. */
  adapters: Partial<Record<ProviderId, ProviderAdapter>>;
  posts: PostRepository;
  integrations: IntegrationRepository;
  refresher: CredentialRefresher;
  throttle: ChannelThrottle;
  logger: Logger;
}

interface Loaded {
  adapter: ProviderAdapter;
  channel: ChannelRef;
  ctx: PublishContext;
  post: PublishablePost;
}

function refused(code: PublishFailure['code'], message: string): ApplicationFailure {
  return toApplicationFailure({ code, message, retryable: false, outcome: 'not-applied' });
}

/**
 * One network's publishing steps as activities. Each call loads the post and the channel's
 * credentials itself, so that tokens never travel through workflow history; refreshes a token
 * that is about to expire or was rejected (once); and honours and records the channel's
 * rate-limit pauses.
 */
export function createProviderPublishActivities(deps: ProviderPublishDeps): ProviderPublishActivities {
  const { network, adapters, posts, integrations, refresher, throttle, logger } = deps;

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
      channel: { organizationId, integrationId: integration.id },
      ctx: { account: { provider: integration.provider, internalId: integration.internalId }, credentials },
      post: { postId, content: toPlainText(record.content), media: record.media, settings: record.settings },
    };
  }

  /** Runs one adapter call for a loaded post: throttle, token freshness, classified failures. */
  async function call<T>(
    loaded: Loaded,
    step: (adapter: ProviderAdapter, ctx: PublishContext) => Promise<T>,
    { respectPause }: { respectPause: boolean },
  ): Promise<T> {
    const { adapter, channel } = loaded;
    if (respectPause) {
      const waitMs = await throttle.remainingMs(channel.integrationId);
      if (waitMs > 0) {
        throw toApplicationFailure({
          code: 'RATE_LIMITED',
          message: `${ERROR_CODES.RATE_LIMITED} Herald waits ${Math.ceil(waitMs / 1000)} s before calling it again.`,
          retryable: true,
          outcome: 'not-applied',
          retryAfterMs: waitMs,
        });
      }
    }
    try {
      const credentials = await refresher.current(channel, adapter, loaded.ctx.credentials);
      const ctx = { ...loaded.ctx, credentials };
      try {
        return await step(adapter, ctx);
      } catch (error) {
        // The network refused the token itself (so nothing was applied): refresh once and retry.
        if (!(error instanceof ProviderError) || !error.failure.tokenRejected || !adapter.refresh || !credentials.refreshToken) {
          throw error;
        }
        const fresh = await refresher.refresh(channel, adapter, credentials);
        return await step(adapter, { ...ctx, credentials: fresh });
      }
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      await recordConsequences(channel, error.failure);
      throw toApplicationFailure(error.failure);
    }
  }

  async function recordConsequences(channel: ChannelRef, failure: PublishFailure): Promise<void> {
    if (failure.code === 'RATE_LIMITED' && failure.retryAfterMs) {
      await throttle.pause(channel.integrationId, failure.retryAfterMs);
    }
    if (failure.code === 'RECONNECT_NEEDED' && !failure.retryable) {
      await integrations.markRefreshNeeded(channel.organizationId, channel.integrationId);
    }
  }

  return {
    async preparePublish(ref) {
      const loaded = await load(ref);
      return call(loaded, (a, ctx) => a.prepare(ctx, loaded.post), { respectPause: true });
    },

    async checkPrepared({ prepared, ...ref }) {
      return call(await load(ref), (a, ctx) => a.check(ctx, prepared), { respectPause: false });
    },

    async commitPublish({ prepared, ...ref }) {
      const loaded = await load(ref);
      const log = postLogger(logger, ref);
      log.info({ provider: loaded.ctx.account.provider }, 'publishing to the network');
      const outcome = await whileHeartbeating(() =>
        call(loaded, (a, ctx) => a.commit(ctx, loaded.post, prepared), { respectPause: true }),
      );
      log.info(
        { outcome: outcome.status, releaseId: outcome.status === 'published' ? outcome.ref.releaseId : undefined },
        'network accepted the post',
      );
      return outcome;
    },

    async confirmPublished({ pending, ...ref }) {
      return call(await load(ref), (a, ctx) => a.confirm(ctx, pending), { respectPause: false });
    },

    async reconcilePublish({ prepared, commitStartedAt, progress, ...ref }) {
      const loaded = await load(ref);
      const result = await call(
        loaded,
        (a, ctx) => a.reconcile(ctx, loaded.post, prepared, new Date(commitStartedAt), progress),
        { respectPause: false },
      );
      postLogger(logger, ref).warn({ reconcile: result.status }, 'reconciled a publish whose outcome was unknown');
      return result;
    },

    async resolvePermalink({ releaseId, ...ref }) {
      return call(await load(ref), (a, ctx) => a.permalink(ctx, releaseId), { respectPause: false });
    },

    async publishComment({ rootReleaseId, ...ref }) {
      const loaded = await load(ref);
      const comments = commentsOf(loaded.adapter);
      const comment = await call(loaded, (_a, ctx) => comments.post(ctx, { rootReleaseId }, loaded.post.content), { respectPause: true });
      postLogger(logger, ref).info({ commentId: comment.commentId }, 'network accepted the comment');
      return { releaseId: comment.commentId, ...(comment.url && { releaseUrl: comment.url }) };
    },

    async findComment({ rootReleaseId, since, ...ref }) {
      const loaded = await load(ref);
      const comments = commentsOf(loaded.adapter);
      const found = await call(loaded, (_a, ctx) => comments.find(ctx, { rootReleaseId }, loaded.post.content, new Date(since)), {
        respectPause: false,
      });
      postLogger(logger, ref).warn({ found: found !== null }, 'looked for a comment whose outcome was unknown');
      return found ? { releaseId: found.commentId } : null;
    },
  };
}

/** The adapter's comments; the API refuses threads for networks without them, so this is a routing bug. */
function commentsOf(adapter: ProviderAdapter): NonNullable<ProviderAdapter['comments']> {
  if (adapter.comments) return adapter.comments;
  throw refused('VALIDATION', `${adapter.provider} takes no comments; the post's thread cannot be published.`);
}

/**
 * Heartbeats while `work` runs, so that the workflow can tell a long upload from a dead worker
 * (the commit's heartbeat timeout), whatever the adapter does inside.
 */
async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const every = Math.max(250, Math.floor((context.info.heartbeatTimeoutMs ?? 30_000) / 3));
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), every);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
