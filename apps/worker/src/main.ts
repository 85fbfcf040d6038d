// The worker process's composition root: the only place that reads the configuration and builds
// the dependencies. One Temporal worker per task queue served (WORKER_QUEUES), each supervised so
// that the process keeps polling through Temporal restarts instead of sitting idle.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import Redis from 'ioredis';
import { SWEEP_WORKFLOW, SWEEP_WORKFLOW_ID, TASK_QUEUES, publishWorkflowStart, sweepNowSignal } from '@herald/contracts';
import { TEMPORAL_CHANNEL_ARGS, createLogger, loadWorkerConfig, providerSettingsFrom, publishTimingFrom, type WorkerQueueKey } from '@herald/config';
import {
  CredentialsCipher,
  IntegrationRepository,
  type PostRecord,
  PostRepeatRepository,
  PostRepository,
  PostThreadRepository,
  WebhookRepository,
  createPrismaClient,
} from '@herald/db';
import { startWorkerHeartbeat, workerIdentity } from '@herald/ops';
import { createProviderAdapters, createWebhookSender } from '@herald/providers';
import { createPostLifecycleActivities } from './activities/post-lifecycle.activities';
import { createProviderPublishActivities } from './activities/provider-publish.activities';
import { createPublishClaim } from './activities/publish-claim';
import { createSweepActivities } from './activities/sweep.activities';
import { createWebhookDeliveryActivities } from './activities/webhook-delivery.activities';
import { ChannelThrottle } from './channels/channel-throttle';
import { CredentialRefresher } from './channels/credential-refresher';
import { RateGate } from './channels/rate-gate';
import { startMetricsServer } from './metrics/metrics-server';
import { createWorkerMetrics } from './metrics/worker-metrics';
import { type WorkerState, runSupervisedWorker } from './runtime/supervised-worker';
import { createOutcomeNotifier } from './webhooks/outcome-notifier';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger('herald-worker', config.LOG_LEVEL);

  // Herald owns the shutdown signals so that workers drain exactly once (see below). The SDK's
  // native core logs are forwarded into the same JSON log instead of its own coloured output.
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', (entry) => {
      // Provider queues host activities only: that is the design, not a misconfiguration.
      const level = entry.message.startsWith('No workflows registered') ? 'debug' : entry.level === 'ERROR' ? 'error' : 'warn';
      logger[level]({ temporal: entry.meta }, entry.message);
    }),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} } },
  });

  const db = createPrismaClient(config.DATABASE_URL);
  const posts = new PostRepository(db);
  const threads = new PostThreadRepository(db);
  const repeats = new PostRepeatRepository(db);
  const cipher = new CredentialsCipher(config.HERALD_ENCRYPTION_KEY);
  const integrations = new IntegrationRepository(db, cipher);
  // Redis holds the cross-worker locks and pauses; it reconnects by itself when it comes back.
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
  });
  const refresher = new CredentialRefresher(redis, integrations, logger);
  const throttle = new ChannelThrottle(redis);
  const adapters = createProviderAdapters(providerSettingsFrom(config));
  const metrics = createWorkerMetrics();

  // The sweep starts workflows; a lazy connection, so the process starts without Temporal.
  const temporalClient = new Client({
    connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, channelArgs: TEMPORAL_CHANNEL_ARGS }),
    namespace: config.TEMPORAL_NAMESPACE,
  });

  // The next occurrence of a repeating post gets its workflow as the API's posts do.
  async function startWorkflow(post: PostRecord): Promise<void> {
    const { workflowType, options } = publishWorkflowStart({ ...post, provider: post.integration.provider }, publishTimingFrom(config));
    await temporalClient.workflow.start(workflowType, options);
    await posts.setWorkflowIds(post.organizationId, [{ postId: post.id, workflowId: options.workflowId }]);
  }

  // Webhooks: a delivery workflow per post outcome, started by the bookkeeping that recorded it.
  const webhooks = new WebhookRepository(db, cipher);
  const notifyOutcome = createOutcomeNotifier({
    client: temporalClient,
    retry: { initialIntervalMs: config.WEBHOOK_RETRY_INITIAL_INTERVAL_MS, attemptTimeoutMs: config.WEBHOOK_TIMEOUT_MS + 30_000 },
    startTimeoutMs: 5_000,
    hasWebhooks: (organizationId) => webhooks.hasAny(organizationId),
  });
  const webhookActivities = createWebhookDeliveryActivities({
    posts,
    webhooks,
    send: createWebhookSender({ allowedOrigins: config.WEBHOOK_ALLOWED_ORIGINS, timeoutMs: config.WEBHOOK_TIMEOUT_MS }),
    workflowUrl: (id) => `${config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(id)}`,
    now: () => new Date(),
    logger,
  });

  // Aborted on SIGINT/SIGTERM: the workers drain, and posts held for their time are handed back.
  const stop = new AbortController();
  const lifecycleDeps = { posts, threads, repeats, startWorkflow, now: () => new Date(), logger, metrics: metrics.publish, notifyOutcome };
  const claim = createPublishClaim(lifecycleDeps);

  const workflowSource = resolveWorkflowSource(config.WORKFLOW_BUNDLE_PATH);
  const optionsFor = (queue: WorkerQueueKey) => {
    if (queue === 'workflows') {
      return {
        ...workflowSource,
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        activities: {
          ...createPostLifecycleActivities(lifecycleDeps),
          ...webhookActivities,
          ...createSweepActivities({
            posts,
            client: temporalClient,
            timing: publishTimingFrom(config),
            graceMs: config.SWEEP_GRACE_MS,
            now: () => new Date(),
            logger,
          }),
        },
        shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
        interceptors: metrics.interceptors,
      };
    }
    const perSecond = {
      facebook: config.FACEBOOK_ACTIVITIES_PER_SECOND,
      instagram: config.INSTAGRAM_ACTIVITIES_PER_SECOND,
      tiktok: config.TIKTOK_ACTIVITIES_PER_SECOND,
    }[queue];
    return {
      activities: createProviderPublishActivities({
        network: queue,
        adapters,
        posts,
        integrations,
        refresher,
        throttle,
        claim,
        gate: new RateGate(perSecond),
        draining: stop.signal,
        // A commit's request is given up after one request timeout; it gets as long again to land
        // (within the reconcile activity's 2-minute limit).
        reconcileSettleMs: Math.min(2 * config.PROVIDER_TIMEOUT_MS, 90_000),
        now: () => new Date(),
        logger,
      }),
      maxTaskQueueActivitiesPerSecond: perSecond,
      // Posts due soon are held here until their time, one slot each (PUBLISH_LEAD_MS).
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
      interceptors: metrics.interceptors,
    };
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'draining workers');
      stop.abort();
    });
  }

  async function kickSweep(): Promise<void> {
    try {
      await temporalClient.workflow.signalWithStart(SWEEP_WORKFLOW, {
        workflowId: SWEEP_WORKFLOW_ID,
        taskQueue: TASK_QUEUES.workflows,
        args: [{ intervalMs: config.SWEEP_INTERVAL_MS, horizonMs: config.SWEEP_HORIZON_MS }],
        signal: sweepNowSignal,
        signalArgs: [{ intervalMs: config.SWEEP_INTERVAL_MS, horizonMs: config.SWEEP_HORIZON_MS }],
      });
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not start the sweep; it starts on the next reconnect');
    }
  }

  logger.info({ queues: config.WORKER_QUEUES, temporal: config.TEMPORAL_ADDRESS, ...workflowSource }, 'worker starting');
  // Several worker processes on one host need a port each (or 0: no metrics server).
  const metricsServer =
    config.WORKER_METRICS_PORT > 0
      ? await startMetricsServer({ registry: metrics.registry, host: config.HOST, port: config.WORKER_METRICS_PORT, logger })
      : undefined;
  // Each queue's supervisor state, reported in Redis when it changes and every 10 s: the doctor
  // and readiness learn at once that this process serves a queue, or has stopped (Temporal lists
  // a stopped worker's pollers for minutes).
  const identity = workerIdentity();
  const queueStates = new Map<string, WorkerState>(config.WORKER_QUEUES.map((queue) => [TASK_QUEUES[queue], 'connecting']));
  const heartbeat = startWorkerHeartbeat(redis, () => [...queueStates].map(([name, state]) => ({ name, state })), {
    identity,
    onError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'cannot report this worker in Redis; retrying'),
  });
  await Promise.all(
    config.WORKER_QUEUES.map((queue) =>
      runSupervisedWorker({
        taskQueue: TASK_QUEUES[queue],
        address: config.TEMPORAL_ADDRESS,
        namespace: config.TEMPORAL_NAMESPACE,
        maxBackoffMs: config.WORKER_RECONNECT_MAX_MS,
        // The pollers carry the identity the heartbeat reports, so readers can match the two.
        workerOptions: { ...optionsFor(queue), identity },
        logger,
        signal: stop.signal,
        // The heartbeat reports each state. Each time the workflow worker (re)connects, make sure
        // the sweep runs, and runs now: posts saved while Temporal was away get their workflows at once.
        onStateChange: (state) => {
          queueStates.set(TASK_QUEUES[queue], state);
          heartbeat.beat();
          if (queue === 'workflows' && state === 'running') void kickSweep();
        },
      }),
    ),
  );
  await heartbeat.stop();
  await Promise.allSettled([db.$disconnect(), redis.quit(), temporalClient.connection.close(), metricsServer?.close()]);
  logger.info('worker stopped');
}

/** The prebuilt bundle when there is one (seconds to start), else the sources (webpack at start). */
function resolveWorkflowSource(bundlePath: string | undefined): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const candidate = bundlePath ?? path.join(__dirname, 'workflow-bundle.js');
  if (existsSync(candidate)) return { workflowBundle: { codePath: candidate } };
  if (bundlePath) throw new Error(`WORKFLOW_BUNDLE_PATH ${bundlePath} does not exist`);
  return { workflowsPath: require.resolve('./workflows') };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
