// The worker process's composition root: the only place that reads the configuration and builds
// the dependencies. One Temporal worker per task queue served (WORKER_QUEUES), each supervised so
// that the process keeps polling through Temporal restarts instead of sitting idle.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import Redis from 'ioredis';
import { TASK_QUEUES } from '@herald/contracts';
import { createLogger, loadWorkerConfig, providerSettingsFrom, type WorkerQueueKey } from '@herald/config';
import { CredentialsCipher, IntegrationRepository, PostRepository, createPrismaClient } from '@herald/db';
import { createProviderAdapters } from '@herald/providers';
import { createPostLifecycleActivities } from './activities/post-lifecycle.activities';
import { createProviderPublishActivities } from './activities/provider-publish.activities';
import { ChannelThrottle } from './channels/channel-throttle';
import { CredentialRefresher } from './channels/credential-refresher';
import { runSupervisedWorker } from './runtime/supervised-worker';

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
  const integrations = new IntegrationRepository(db, new CredentialsCipher(config.HERALD_ENCRYPTION_KEY));
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

  const workflowSource = resolveWorkflowSource(config.WORKFLOW_BUNDLE_PATH);
  const optionsFor = (queue: WorkerQueueKey) => {
    if (queue === 'workflows') {
      return {
        ...workflowSource,
        activities: createPostLifecycleActivities({ posts, now: () => new Date(), logger }),
        shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
      };
    }
    const perSecond = {
      facebook: config.FACEBOOK_ACTIVITIES_PER_SECOND,
      instagram: config.INSTAGRAM_ACTIVITIES_PER_SECOND,
      tiktok: config.TIKTOK_ACTIVITIES_PER_SECOND,
    }[queue];
    return {
      activities: createProviderPublishActivities({ network: queue, adapters, posts, integrations, refresher, throttle, logger }),
      maxTaskQueueActivitiesPerSecond: perSecond,
      shutdownGraceTime: config.WORKER_SHUTDOWN_GRACE_MS,
    };
  };

  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'draining workers');
      stop.abort();
    });
  }

  logger.info({ queues: config.WORKER_QUEUES, temporal: config.TEMPORAL_ADDRESS, ...workflowSource }, 'worker starting');
  await Promise.all(
    config.WORKER_QUEUES.map((queue) =>
      runSupervisedWorker({
        taskQueue: TASK_QUEUES[queue],
        address: config.TEMPORAL_ADDRESS,
        namespace: config.TEMPORAL_NAMESPACE,
        maxBackoffMs: config.WORKER_RECONNECT_MAX_MS,
        workerOptions: optionsFor(queue),
        logger,
        signal: stop.signal,
      }),
    ),
  );
  await Promise.allSettled([db.$disconnect(), redis.quit()]);
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
