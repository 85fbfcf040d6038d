import type { Connection } from '@temporalio/client';
import type Redis from 'ioredis';
import { EXPIRY_WARNING_MS } from '@herald/domain';
import { type Db, OperationsRepository } from '@herald/db';
import { checkChannels, CHANNELS_CHECK } from './check-channels';
import type { CheckContext } from './check-context';
import { checkDynamicConfig, DYNAMIC_CONFIG_CHECK } from './check-dynamic-config';
import { checkMigrations, MIGRATIONS_CHECK, readMigrationFolders } from './check-migrations';
import { checkNamespace, NAMESPACE_CHECK } from './check-namespace';
import { checkOverduePosts, OVERDUE_DETAIL_LIMIT, OVERDUE_GRACE_MS, OVERDUE_POSTS_CHECK } from './check-overdue-posts';
import { checkPostgres, POSTGRES_CHECK } from './check-postgres';
import { checkRedis, REDIS_CHECK } from './check-redis';
import { type CheckResult, checkResult, notChecked } from './check-result';
import { checkSearchAttributes, SEARCH_ATTRIBUTES_CHECK } from './check-search-attributes';
import { checkTaskQueue, taskQueueCheckName } from './check-task-queue';
import { checkTemporal, TEMPORAL_CHECK } from './check-temporal';
import { checkWorkers, WORKERS_CHECK } from './check-workers';
import { describePostWorkflow } from './describe-post-workflow';
import { errorText } from './error-text.util';
import type { DoctorReport } from './format-doctor-report.util';
import { HERALD_QUEUES } from './herald-queues';
import { overallStatus } from './overall-status.util';
import { evaluateQueueCoverage, type QueueCoverage, type SeenPoller } from './queue-coverage.util';
import { readQueuePollers } from './read-queue-pollers';
import { readWorkerHeartbeats, type WorkerHeartbeatReading } from './read-worker-heartbeats';
import { type Settled, settle } from './settle.util';
import { waitingByQueue } from './waiting-by-queue.util';
import { withTimeout } from './with-timeout.util';

export interface DoctorDeps {
  db: Db;
  redis: Redis;
  temporal: Connection;
  namespace: string;
  /** How the report names each dependency: where it is, without passwords. */
  targets: { postgres: string; redis: string; temporal: string };
  redisKeyPrefix: string;
  /** prisma/migrations, the migrations this code ships. */
  migrationsDir: string;
  /** The Temporal dynamic config file to check. */
  dynamicConfigFile: string;
  now?: () => Date;
  /** Longest wait for one dependency (3 s): the whole run stays within a few of these. */
  timeoutMs?: number;
  /** True when the process behind a worker identity is known to have exited. */
  isGone?: (identity: string) => boolean;
}

/**
 * Runs every check and never throws: what cannot be checked because a dependency is down is
 * reported as such. Independent checks run in parallel, each with its own time limit, in three
 * rounds: the dependencies, what they hold, then the verdicts that need both.
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const context: CheckContext = { now, timeoutMs };
  const guard = (name: string, check: () => Promise<CheckResult>) => guarded(name, check, timeoutMs + 500, now);
  const operations = new OperationsRepository(deps.db);

  const [postgres, redis, temporal, dynamicConfig] = await Promise.all([
    guard(POSTGRES_CHECK, () => checkPostgres(deps.db, deps.targets.postgres, context)),
    guard(REDIS_CHECK, () => checkRedis(deps.redis, deps.targets.redis, context)),
    guard(TEMPORAL_CHECK, () => checkTemporal(deps.temporal, deps.targets.temporal, context)),
    guard(DYNAMIC_CONFIG_CHECK, () => checkDynamicConfig(deps.dynamicConfigFile, now)),
  ]);
  const up = { postgres: postgres.status === 'ok', redis: redis.status === 'ok', temporal: temporal.status === 'ok' };
  const down = (what: string) => `${what} does not answer`;
  const query = <T>(work: () => Promise<T>) => settle(withTimeout(work(), timeoutMs));

  const [temporalChecks, pollers, heartbeats, waiting, overdue, migrations, channels] = await Promise.all([
    up.temporal
      ? temporalSetupChecks(deps, context, guard)
      : [notChecked(NAMESPACE_CHECK, down('Temporal'), now()), notChecked(SEARCH_ATTRIBUTES_CHECK, down('Temporal'), now())],
    up.temporal ? Promise.all(HERALD_QUEUES.map((q) => settle(readQueuePollers(deps.temporal, deps.namespace, q, timeoutMs)))) : null,
    up.redis ? settle(withTimeout(readWorkerHeartbeats(deps.redis), timeoutMs)) : null,
    up.postgres ? query(() => operations.countWaitingByProvider()) : null,
    up.postgres ? query(() => operations.listOverduePosts(new Date(now().getTime() - OVERDUE_GRACE_MS), OVERDUE_DETAIL_LIMIT)) : null,
    up.postgres
      ? guard(MIGRATIONS_CHECK, async () => checkMigrations(readMigrationFolders(deps.migrationsDir), await operations.listAppliedMigrations(), now()))
      : notChecked(MIGRATIONS_CHECK, down('Postgres'), now()),
    up.postgres
      ? guard(CHANNELS_CHECK, async () => checkChannels(await operations.listChannelLogins(new Date(now().getTime() + EXPIRY_WARNING_MS)), now()))
      : notChecked(CHANNELS_CHECK, down('Postgres'), now()),
  ]);

  const workers = workersCheck(heartbeats, deps.redisKeyPrefix, context);
  const coverage = queueCoverage(pollers, heartbeats, deps.isGone, now);
  const waitingPerQueue = waiting?.ok ? waitingByQueue(waiting.value) : null;
  const queueChecks = HERALD_QUEUES.map((queue, index) => {
    const name = taskQueueCheckName(queue.name);
    const seen = coverage[index];
    if (!seen) return notChecked(name, down('Temporal'), now());
    if (!seen.ok) return checkResult(name, 'fail', `Could not read the pollers of ${queue.name}: ${errorText(seen.error)}.`, now());
    return checkTaskQueue(queue, seen.value, waitingPerQueue?.[queue.name] ?? null, now());
  });
  const polled = new Map(coverage.flatMap((c, i) => (c?.ok ? [[HERALD_QUEUES[i]!.name, c.value.polled] as const] : [])));

  const overdueCheck = !overdue
    ? notChecked(OVERDUE_POSTS_CHECK, down('Postgres'), now())
    : !overdue.ok
      ? checkResult(OVERDUE_POSTS_CHECK, 'fail', `Could not list the overdue posts: ${errorText(overdue.error)}.`, now())
      : await guard(OVERDUE_POSTS_CHECK, () =>
          checkOverduePosts({
            overdue: overdue.value,
            polled,
            describeWorkflow: up.temporal
              ? (workflowId) => describePostWorkflow(deps.temporal, deps.namespace, workflowId, timeoutMs)
              : async () => ({ kind: 'unknown', because: down('Temporal') }),
            now: now(),
          }),
        );

  const checks = [postgres, migrations, redis, workers, temporal, ...temporalChecks, dynamicConfig, ...queueChecks, overdueCheck, channels];
  return { status: overallStatus(checks), checks };
}

/** The worker processes by their heartbeats; not checked while Redis is down. */
function workersCheck(heartbeats: Settled<WorkerHeartbeatReading> | null, keyPrefix: string, context: CheckContext): CheckResult {
  if (!heartbeats) return notChecked(WORKERS_CHECK, 'Redis does not answer', context.now());
  if (!heartbeats.ok) {
    return checkResult(WORKERS_CHECK, 'fail', `Could not read the workers' reports from Redis: ${errorText(heartbeats.error)}.`, context.now());
  }
  return checkWorkers(heartbeats.value, keyPrefix, context);
}

/** Per queue (in HERALD_QUEUES order): who serves it, from its pollers and the heartbeats; null while Temporal is down. */
function queueCoverage(
  pollers: Array<Settled<SeenPoller[]>> | null,
  heartbeats: Settled<WorkerHeartbeatReading> | null,
  isGone: DoctorDeps['isGone'],
  now: () => Date,
): Array<Settled<QueueCoverage> | null> {
  return HERALD_QUEUES.map((queue, index) => {
    const seen = pollers?.[index];
    if (!seen) return null;
    if (!seen.ok) return seen;
    const reports = heartbeats?.ok ? heartbeats.value.heartbeats : null;
    return { ok: true, value: evaluateQueueCoverage({ queue, pollers: seen.value, heartbeats: reports, now: now(), isGone }) };
  });
}

/** The namespace, then its search attributes (which cannot be listed without it). */
async function temporalSetupChecks(
  deps: DoctorDeps,
  context: CheckContext,
  guard: (name: string, check: () => Promise<CheckResult>) => Promise<CheckResult>,
): Promise<CheckResult[]> {
  const namespace = await guard(NAMESPACE_CHECK, () => checkNamespace(deps.temporal, deps.namespace, context));
  const searchAttributes =
    namespace.status === 'ok'
      ? await guard(SEARCH_ATTRIBUTES_CHECK, () => checkSearchAttributes(deps.temporal, deps.namespace, context))
      : notChecked(SEARCH_ATTRIBUTES_CHECK, `namespace "${deps.namespace}" cannot be read`, context.now());
  return [namespace, searchAttributes];
}

/** A check that throws or overruns becomes a failure that says so, never an exception. */
async function guarded(name: string, check: () => Promise<CheckResult>, ms: number, now: () => Date): Promise<CheckResult> {
  try {
    return await withTimeout(check(), ms);
  } catch (error) {
    return checkResult(name, 'fail', `The check could not finish: ${errorText(error)}.`, now());
  }
}
