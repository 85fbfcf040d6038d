import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Redis from 'ioredis';
import { CredentialsCipher, type Db, IntegrationRepository, OrganizationRepository, createPrismaClient } from '@herald/db';
import { REPO_ROOT, createTestNamespace, freePort, testEnv, waitUntil } from '@herald/testing';
import type { CheckResult } from './check-result';
import { HERALD_QUEUES } from './herald-queues';
import { readQueuePollers } from './read-queue-pollers';
import { type DoctorDeps, runDoctor } from './run-doctor';
import { startWorkerHeartbeat } from './worker-heartbeat';

const MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma/migrations');
const DYNAMIC_CONFIG = path.join(REPO_ROOT, 'dynamicconfig/development-sql.yaml');

function find(checks: CheckResult[], name: string): CheckResult {
  const check = checks.find((c) => c.name === name);
  if (!check) throw new Error(`no check named ${name} in ${checks.map((c) => c.name).join(', ')}`);
  return check;
}

describe(runDoctor.name, () => {
  let db: Db;
  let redis: Redis;
  let connection: Connection;
  let namespace: string;
  let deps: DoctorDeps;

  beforeAll(async () => {
    const env = testEnv();
    db = createPrismaClient(env.databaseUrl, { maxConnections: 4 });
    // A key prefix of its own: other suites' workers must not witness for this one.
    redis = new Redis(env.redisUrl, { keyPrefix: `${env.redisKeyPrefix}doctor-${randomBytes(3).toString('hex')}:`, lazyConnect: true });
    ({ namespace, connection } = await createTestNamespace('doctor'));
    deps = {
      db,
      redis,
      temporal: connection,
      namespace,
      targets: { postgres: 'the test database', redis: 'the test Redis', temporal: env.temporalAddress },
      redisKeyPrefix: redis.options.keyPrefix ?? '',
      migrationsDir: MIGRATIONS_DIR,
      dynamicConfigFile: DYNAMIC_CONFIG,
    };
  });

  afterAll(async () => {
    await Promise.allSettled([db?.$disconnect(), redis?.quit(), connection?.close()]);
  });

  it('should find the dependencies answering and Herald set up on them', async () => {
    const { checks } = await runDoctor(deps);

    for (const name of ['postgres', 'migrations', 'redis', 'temporal', 'temporal-namespace', 'search-attributes', 'temporal-dynamic-config']) {
      expect(find(checks, name)).toMatchObject({ name, status: 'ok' });
    }
    expect(find(checks, 'temporal-namespace').detail).toBe(`Namespace "${namespace}" exists.`);
  });

  it('should count a worker that polls a queue, and stop counting it as soon as it says it stopped', async () => {
    const queue = 'herald-publish-tiktok';
    const identity = `${process.pid}@doctor-int-${randomBytes(2).toString('hex')}`;
    const polling = new AbortController();
    // A real long poll with that identity: Temporal lists it as the queue's poller.
    const poll = connection
      .withAbortSignal(polling.signal, () =>
        // Temporal refuses a poll without a deadline; a long poll lasts up to a minute.
        connection.withDeadline(Date.now() + 70_000, () =>
          connection.workflowService.pollActivityTaskQueue({
            namespace,
            taskQueue: { name: queue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            identity,
          }),
        ),
      )
      .catch(() => undefined);
    const heartbeat = startWorkerHeartbeat(redis, () => [{ name: queue, state: 'running' }], { identity });
    try {
      const tiktok = HERALD_QUEUES.find((q) => q.name === queue)!;
      await waitUntil('Temporal to list the poller', async () =>
        (await readQueuePollers(connection, namespace, tiktok, 2_000)).some((p) => p.identity === identity) ? true : undefined,
      );

      const serving = find((await runDoctor(deps)).checks, `task-queue:${queue}`);
      await heartbeat.stop();
      const stopped = await runDoctor(deps);

      expect(serving.status).toBe('ok');
      expect(serving.detail).toMatch(new RegExp(`^Polled by ${identity} \\(activity poll \\d+ ms ago\\)`));
      expect(find(stopped.checks, `task-queue:${queue}`).detail).toMatch(
        new RegExp(`^No poller on ${queue}: .*Temporal still lists pollers that do not count: ${identity} \\(its process reports stopped\\)`),
      );
      expect(find(stopped.checks, 'workers').detail).toMatch(new RegExp(`^No worker process is running \\(the last one, ${identity}, stopped`));
    } finally {
      polling.abort();
      await heartbeat.stop();
      await poll;
    }
  });

  it('should name an overdue post and why it waits: no workflow, no poller', async () => {
    const organization = await new OrganizationRepository(db).create({ name: `doctor-int-${Date.now()}` });
    try {
      const integrations = new IntegrationRepository(db, new CredentialsCipher(testEnv().encryptionKey));
      const channel = await integrations.upsert(organization.id, {
        provider: 'facebook',
        internalId: `page-${Date.now()}`,
        name: 'Doctor Cafe',
        credentials: { accessToken: 'token' },
      });
      // Due long before anything other suites leave behind, so it is among the posts described.
      const post = await db.post.create({
        data: {
          organizationId: organization.id,
          integrationId: channel.id,
          group: 'doctor',
          state: 'QUEUE',
          publishAt: new Date('2001-01-01T09:00:00Z'),
          content: 'Late',
        },
      });

      const report = await runDoctor(deps);

      const overdue = find(report.checks, 'overdue-posts');
      expect(report.status).toBe('fail');
      expect(overdue.status).toBe('fail');
      expect(overdue.detail).toContain(
        `- post ${post.id} to Facebook Page "Doctor Cafe", due 2001-01-01T09:00:00.000Z (`,
      );
      expect(overdue.detail).toMatch(
        new RegExp(`post ${post.id} .*: no poller on herald-workflows; no poller on herald-publish-facebook; its workflow was never started`),
      );
      expect(overdue.fix).toMatch(/^Start a worker for herald-workflows and herald-publish-facebook/);
    } finally {
      await db.organization.delete({ where: { id: organization.id } });
    }
  });

  it('should say Temporal and Redis do not answer, within the time limit, without throwing', async () => {
    const [temporalPort, redisPort] = await Promise.all([freePort(), freePort()]);
    // As the doctor's CLI connects: without the retry interceptor.
    const deadTemporal = Connection.lazy({ address: `127.0.0.1:${temporalPort}`, connectTimeout: 1_000, interceptors: [] });
    const deadRedis = new Redis({ port: redisPort, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    deadRedis.on('error', () => undefined);
    const started = Date.now();
    try {
      const report = await runDoctor({
        ...deps,
        temporal: deadTemporal,
        redis: deadRedis,
        targets: { ...deps.targets, temporal: `127.0.0.1:${temporalPort}`, redis: `127.0.0.1:${redisPort}` },
        timeoutMs: 1_000,
      });

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(report.status).toBe('fail');
      expect(find(report.checks, 'temporal')).toMatchObject({ status: 'fail', detail: expect.stringMatching(`^Temporal at 127.0.0.1:${temporalPort} does not answer`) });
      expect(find(report.checks, 'redis')).toMatchObject({ status: 'fail', detail: expect.stringMatching(`^Redis at 127.0.0.1:${redisPort} does not answer: .*ECONNREFUSED`) });
      expect(find(report.checks, 'task-queue:herald-workflows').detail).toBe('Not checked: Temporal does not answer.');
      expect(find(report.checks, 'workers').detail).toBe('Not checked: Redis does not answer.');
      expect(find(report.checks, 'postgres').status).toBe('ok');
    } finally {
      await Promise.allSettled([deadTemporal.close(), deadRedis.quit()]);
    }
  });

  it('should say Postgres does not answer, within the time limit, and check nothing that needs it', async () => {
    const port = await freePort();
    const deadDb = createPrismaClient(`postgresql://postgres@127.0.0.1:${port}/herald`, { maxConnections: 1 });
    const started = Date.now();
    try {
      const report = await runDoctor({ ...deps, db: deadDb, targets: { ...deps.targets, postgres: `127.0.0.1:${port}/herald` }, timeoutMs: 1_000 });

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(report.status).toBe('fail');
      expect(find(report.checks, 'postgres')).toMatchObject({ status: 'fail', detail: expect.stringMatching(`^Postgres at 127.0.0.1:${port}/herald does not answer`) });
      expect(find(report.checks, 'migrations').detail).toBe('Not checked: Postgres does not answer.');
      expect(find(report.checks, 'overdue-posts').detail).toBe('Not checked: Postgres does not answer.');
      expect(find(report.checks, 'temporal').status).toBe('ok');
    } finally {
      await deadDb.$disconnect().catch(() => undefined);
    }
  });

  it('should name migrations not applied, and a malformed dynamic config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-doctor-'));
    const config = path.join(dir, 'dynamic.yaml');
    writeFileSync(config, 'limit.maxIDLength: 255\n');
    const migrations = path.join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    mkdirSync(path.join(migrations, '29991231000000_from_the_future'));
    writeFileSync(path.join(migrations, '29991231000000_from_the_future', 'migration.sql'), 'SELECT 1;\n');

    const { checks } = await runDoctor({ ...deps, migrationsDir: migrations, dynamicConfigFile: config });

    expect(find(checks, 'migrations')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/migrations are not applied: 29991231000000_from_the_future\.$/),
      fix: expect.stringMatching(/^Apply them: `npm run db:migrate`/),
    });
    expect(find(checks, 'temporal-dynamic-config')).toMatchObject({
      status: 'fail',
      detail: `Temporal's dynamic config ${config} is malformed: limit.maxIDLength is not a list of { value, constraints } entries.`,
    });
  });

  it('should say a database was never migrated', async () => {
    const name = `herald_doctor_${randomBytes(4).toString('hex')}`;
    await db.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(testEnv().databaseUrl);
    url.pathname = `/${name}`;
    const empty = createPrismaClient(url.toString(), { maxConnections: 2 });
    try {
      const { checks } = await runDoctor({ ...deps, db: empty });

      expect(find(checks, 'migrations')).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/^\d+ of \d+ migrations are not applied \(the database was never migrated\): /),
      });
    } finally {
      await empty.$disconnect();
      await db.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
