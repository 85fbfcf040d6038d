import { ApplicationFailure, Context } from '@temporalio/activity';
import { type DueAttempt, PUBLISH_FAILURE_TYPE, type PostRef, type ProviderPublishActivities } from '@herald/contracts';
import type { IntegrationRepository, PostForPublish, PostRepository } from '@herald/db';
import { ERROR_CODES, type IntegrationCredentials, type Network, type PreparedPublish, type ProviderId, type PublishFailure, networkOf, toPlainText } from '@herald/domain';
import { ProviderError, type ProviderAdapter, type PublishablePost, type PublishContext } from '@herald/providers';
import type { Logger } from '@herald/config';
import type { ChannelThrottle } from '../channels/channel-throttle';
import type { ChannelRef, CredentialRefresher } from '../channels/credential-refresher';
import type { RateGate } from '../channels/rate-gate';
import { MicroBatch } from '../runtime/micro-batch';
import { classifiedFailure, toApplicationFailure } from './application-failure.util';
import { postLogger } from './post-logger.util';
import type { PublishClaim } from './publish-claim';

export interface ProviderPublishDeps {
  /** The network whose task queue these activities serve. */
  network: Network;
  /** Adapters by provider; both Instagram logins share the Instagram queue. */
  adapters: Partial<Record<ProviderId, ProviderAdapter>>;
  posts: PostRepository;
  integrations: IntegrationRepository;
  refresher: CredentialRefresher;
  throttle: ChannelThrottle;
  /** The claim, as the lifecycle activity makes it (counting and notifying a missed post). */
  claim: PublishClaim;
  /** This process's share of the network's rate, for posts that all fall due at once. */
  gate: RateGate;
  /** Aborted when the worker drains: posts held for their time are handed back at once. */
  draining: AbortSignal;
  /**
   * How long after a commit began the network may still act on it: a request whose answer Herald
   * gave up on can land after the client stopped waiting, so reconciliation reads no earlier.
   */
  reconcileSettleMs: number;
  now: () => Date;
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
  const { network, adapters, posts, integrations, refresher, throttle, claim, gate, draining, reconcileSettleMs, now, logger } = deps;
  // Posts that fall due together record their commit attempts together, in one statement.
  const commitRecords = new MicroBatch((attempts: Parameters<PostRepository['recordCommitAttempts']>[0]) => posts.recordCommitAttempts(attempts));

  async function load(ref: PostRef): Promise<Loaded> {
    const record = await posts.getForPublish(ref.organizationId, ref.postId);
    if (!record) throw refused('INTERNAL', `Post ${ref.postId} no longer exists.`);
    return loadedFrom(record, await integrations.getCredentials(ref.organizationId, record.integration.id));
  }

  /** The post and its channel's credentials, checked: a channel that cannot publish is refused. */
  function loadedFrom(record: PostForPublish, credentials: IntegrationCredentials | null): Loaded {
    const { organizationId, id: postId, integration } = record;
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
    if (!credentials) throw refused('CHANNEL_UNAVAILABLE', ERROR_CODES.CHANNEL_UNAVAILABLE);
    return {
      adapter,
      channel: { organizationId, integrationId: integration.id },
      ctx: { account: { provider: integration.provider, internalId: integration.internalId }, credentials },
      post: { postId, content: toPlainText(record.content), media: record.media, settings: record.settings },
    };
  }

  /**
   * Read while the post is held, so that its time is spent on the claim and the network: the
   * channel's credentials (the post itself comes fresh with the claim). Stale ones are safe: the
   * refresher reads the latest before refreshing, and a rejected token is refreshed once.
   */
  async function credentialsAhead(ref: PostRef): Promise<{ integrationId: string; credentials: IntegrationCredentials | null } | undefined> {
    try {
      const record = await posts.getForPublish(ref.organizationId, ref.postId);
      if (!record) return undefined;
      return { integrationId: record.integration.id, credentials: await integrations.getCredentials(ref.organizationId, record.integration.id) };
    } catch {
      return undefined; // read again once claimed
    }
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

  /**
   * The publishing steps in one go, for a post just claimed, stopping at the first step that does
   * not simply succeed: the workflow carries on from there (polls the media, retries, reconciles)
   * with what this reports. Only a classified refusal to prepare is final here; one that asks
   * for preparing again is reported so that the workflow waits as it asks before doing so.
   */
  async function publishClaimed(ref: PostRef, claimToken: string, attempt: DueAttempt, fresh: () => Promise<Loaded>): Promise<DueAttempt> {
    let loaded: Loaded;
    try {
      loaded = await fresh();
    } catch (error) {
      return { ...attempt, ...refusal(error) };
    }
    let prepared: PreparedPublish;
    try {
      prepared = await call(loaded, (a, ctx) => a.prepare(ctx, loaded.post), { respectPause: true });
    } catch (error) {
      return { ...attempt, ...refusal(error) };
    }
    try {
      const check = await call(loaded, (a, ctx) => a.check(ctx, prepared), { respectPause: false });
      if (check.status !== 'ready') return { ...attempt, prepared: check.prepared ?? prepared };
      prepared = check.prepared;
    } catch {
      return { ...attempt, prepared };
    }
    const commitStartedAt = now();
    if (!(await commitRecords.call({ ...ref, claimToken, prepared, at: commitStartedAt }))) {
      return { ...attempt, prepared, ready: true };
    }
    const startedAt = commitStartedAt.toISOString();
    const log = postLogger(logger, ref);
    log.info({ provider: loaded.ctx.account.provider }, 'publishing to the network');
    let outcome;
    try {
      outcome = await call(loaded, (a, ctx) => a.commit(ctx, loaded.post, prepared), { respectPause: true });
    } catch (error) {
      // Anything unclassified may have reached the network: the workflow reconciles it.
      const failure = classifiedFailure(error) ?? unclassified(error, 'unknown');
      return { ...attempt, prepared, ready: true, commit: { startedAt, failure } };
    }
    log.info({ outcome: outcome.status, releaseId: outcome.status === 'published' ? outcome.ref.releaseId : undefined }, 'network accepted the post');
    if (outcome.status === 'published' && !outcome.ref.releaseUrl) {
      const { releaseId } = outcome.ref;
      const url = await call(loaded, (a, ctx) => a.permalink(ctx, releaseId), { respectPause: false }).catch(() => null);
      if (url) outcome = { ...outcome, ref: { ...outcome.ref, releaseUrl: url } };
    }
    return { ...attempt, prepared, ready: true, commit: { startedAt, outcome } };
  }

  return {
    async publishWhenDue({ publishAt, ...input }) {
      const context = Context.current();
      const ref = { organizationId: input.organizationId, postId: input.postId };
      const ahead = await credentialsAhead(ref);
      await holdUntil(Date.parse(publishAt), context, draining);
      await gate.pass();
      const { claim: claimed, post } = await claim({ ...input, publishAt });
      const attempt: DueAttempt = { claim: claimed };
      // Taking over a lost attempt starts with what it recorded: the workflow reconciles first.
      if (claimed.kind !== 'claimed' || claimed.resume) return attempt;
      const fresh = async () =>
        post && ahead?.integrationId === post.integration.id ? loadedFrom(post, ahead.credentials) : load(ref);
      return whileHeartbeating(() => publishClaimed(ref, input.claimToken, attempt, fresh));
    },

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
      // Reading before the commit's request could have landed would find nothing and let the
      // post go out twice.
      const settleMs = Date.parse(commitStartedAt) + reconcileSettleMs - now().getTime();
      if (settleMs > 0) await Context.current().sleep(settleMs);
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
 * A failure to load or prepare, as the staged step reports it: a definitive refusal ends the post,
 * one that asks for preparing again is passed on with its pause, and anything else is left for the
 * workflow to try again.
 */
function refusal(error: unknown): Pick<DueAttempt, 'refused' | 'prepareFailed'> {
  const failure = classifiedFailure(error);
  if (failure?.prepareAgain) return { prepareFailed: failure };
  return failure && !failure.retryable ? { refused: failure } : {};
}

function unclassified(error: unknown, outcome: PublishFailure['outcome']): PublishFailure {
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `${ERROR_CODES.INTERNAL} (${text.slice(0, 300)})`, retryable: false, outcome };
}

/**
 * Holds a staged post in this worker until its publish time, heartbeating so that Temporal
 * notices if the worker dies meanwhile (the workflow then stages it again). Throws when the
 * workflow gives it up (a move: cancellation) or the worker drains, so that it is staged again
 * elsewhere at once instead of waiting out the drain.
 */
async function holdUntil(at: number, context: Context, draining: AbortSignal): Promise<void> {
  if (at <= Date.now()) return;
  const every = Math.max(250, Math.floor((context.info.heartbeatTimeoutMs ?? 30_000) / 3));
  let stop: () => void = () => undefined;
  const drained = new Promise<never>((_, reject) => {
    stop = () => reject(ApplicationFailure.retryable('The worker is draining; the post is staged again.', 'WorkerDraining'));
  });
  drained.catch(() => undefined);
  if (draining.aborted) stop();
  draining.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const remaining = at - Date.now();
      if (remaining <= 0) return;
      context.heartbeat();
      await Promise.race([context.sleep(Math.min(remaining, every)), drained]);
    }
  } finally {
    draining.removeEventListener('abort', stop);
  }
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
