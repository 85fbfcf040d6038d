import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppProcess, waitForHttp } from './app-process';
import { freePort } from './free-port';
import { SandboxAdmin } from './sandbox-admin';
import { testEnv } from './test-env';

export interface HeraldStack {
  apiUrl: string;
  /** Prometheus endpoints: the API's, and the worker's (on a free port of its own). */
  apiMetricsUrl: string;
  workerMetricsUrl: string;
  /** Postiz clients' base URL (they append /public/v1/...). */
  postizApiUrl: string;
  sandbox: SandboxAdmin;
  sandboxUrl: string;
  api: AppProcess;
  worker: AppProcess;
  sandboxProcess: AppProcess;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox, a worker and the API from their builds, on free ports, against the run's
 * Postgres, Redis and Temporal, in the run's stack time zone. Nothing is stubbed.
 */
export async function startHeraldStack(overrides: NodeJS.ProcessEnv = {}, options: { sourceMaps?: boolean } = {}): Promise<HeraldStack> {
  const env = testEnv();
  const [apiPort, sandboxPort, workerMetricsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const uploadDir = path.join(env.runDir, `uploads-${apiPort}`);
  mkdirSync(uploadDir, { recursive: true });

  const shared: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: env.stackTimeZone,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    REDIS_KEY_PREFIX: env.redisKeyPrefix,
    TEMPORAL_ADDRESS: env.temporalAddress,
    HERALD_ENCRYPTION_KEY: env.encryptionKey,
    META_GRAPH_URL: `${sandboxUrl}/graph.facebook.com`,
    INSTAGRAM_GRAPH_URL: `${sandboxUrl}/graph.instagram.com`,
    TIKTOK_API_URL: `${sandboxUrl}/open.tiktokapis.com`,
    PROVIDER_TIMEOUT_MS: '10000',
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_PROCESSING_POLLS: '1',
    // Herald's tests poll TikTok's status every 500 ms; a real client at 30 reads a minute would not.
    SANDBOX_TIKTOK_RATE_LIMITS: 'off',
    SANDBOX_TIKTOK_VERIFIED_PREFIXES: `${apiUrl}/uploads/`,
    TIKTOK_VERIFIED_URL_PREFIXES: `${apiUrl}/uploads/`,
    TIKTOK_CLIENT_KEY: 'herald-test-client',
    TIKTOK_CLIENT_SECRET: 'herald-test-secret',
    MEDIA_FETCH_ALLOWED_ORIGINS: `${apiUrl},${sandboxUrl}`,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    // Never the default 9464: an `npm start` or another run's worker may hold it.
    WORKER_METRICS_PORT: String(workerMetricsPort),
    UPLOAD_DIR: uploadDir,
    MEDIA_PUBLIC_URL: `${apiUrl}/uploads`,
    PUBLISH_CHECK_INTERVAL_MS: '500',
    PUBLISH_COMMIT_TIMEOUT_MS: '15000',
    // A cache far smaller than the suites' workflows: workflows are evicted and replayed from
    // their histories all the time, as in production with more waiting posts than the cache holds.
    WORKER_MAX_CACHED_WORKFLOWS: '4',
    ...overrides,
  };

  const nodeArgs = options.sourceMaps === false ? [] : undefined;
  const sandboxProcess = new AppProcess('sandbox', 'apps/sandbox/dist/main.js', shared, [], nodeArgs).start();
  const worker = new AppProcess('worker', 'apps/worker/dist/main.js', shared, [], nodeArgs).start();
  const api = new AppProcess('api', 'apps/api/dist/main.js', shared, [], nodeArgs).start();
  await Promise.all([waitForHttp(`${sandboxUrl}/__sandbox/health`), waitForHttp(`${apiUrl}/api/health/live`)]);

  return {
    apiUrl,
    apiMetricsUrl: `${apiUrl}/metrics`,
    workerMetricsUrl: `http://127.0.0.1:${shared.WORKER_METRICS_PORT}/metrics`,
    postizApiUrl: `${apiUrl}/api`,
    sandbox: new SandboxAdmin(sandboxUrl),
    sandboxUrl,
    api,
    worker,
    sandboxProcess,
    env: shared,
    async stop() {
      await Promise.all([api.stop(), worker.stop()]);
      await sandboxProcess.stop();
    },
  };
}
