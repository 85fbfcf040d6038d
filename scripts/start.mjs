// `npm start`: Herald in sandbox mode on the machine's Postgres and Redis.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ChildGroup } from './lib/children.mjs';
import { run } from './lib/exec.mjs';
import { SetupError, log } from './lib/log.mjs';
import { httpOk, portInUse, waitFor } from './lib/net.mjs';
import { ensureDatabase, ensurePostgres, ensureRedis } from './lib/services.mjs';
import { ensureSearchAttributes, startTemporalServer, temporalHealthy } from './lib/temporal.mjs';
import { root } from './lib/toolchain.mjs';

export async function startHerald({ temporalBin, started, localEncryptionKey }) {
  const dataDir = path.resolve(process.env.HERALD_DATA_DIR ?? path.join(root, '.data'));
  const port = Number(process.env.PORT ?? 3000);
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3900);
  const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
  const temporalUiPort = Number(process.env.TEMPORAL_UI_PORT ?? temporalPort + 1000);
  // The worker's Prometheus endpoint (0 turns it off); a second worker process needs another port.
  const workerMetricsPort = Number(process.env.WORKER_METRICS_PORT ?? 9464);
  // One database per data folder: the Temporal database lives in the data folder, and the two
  // must describe the same posts (two checkouts sharing one Postgres database would not).
  const databaseUrl = process.env.DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/${defaultDatabaseName(dataDir)}`;
  const host = process.env.HOST ?? '127.0.0.1';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

  const leftovers = ChildGroup.stopLeftovers(path.join(dataDir, 'run'));
  if (leftovers.length) {
    log.warn(`stopped ${leftovers.join(', ')} left running by an earlier start that did not stop cleanly`);
    await new Promise((r) => setTimeout(r, 3_000));
  }

  for (const [name, p] of [['API (PORT)', port], ['sandbox (SANDBOX_PORT)', sandboxPort], ['Temporal (TEMPORAL_PORT)', temporalPort], ['Temporal UI (TEMPORAL_UI_PORT)', temporalUiPort], ['worker metrics (WORKER_METRICS_PORT)', workerMetricsPort]]) {
    if (p > 0 && (await portInUse(p))) {
      throw new SetupError(`Port ${p} for the ${name} is already in use: is Herald already running? Stop it, or set ${name.match(/\((.*)\)/)[1]} to another port.`);
    }
  }

  await ensurePostgres(databaseUrl);
  await ensureRedis(redisUrl);
  await ensureDatabase(databaseUrl);
  const { deploy } = await import('./db/migrate.mjs');
  await deploy(databaseUrl, { quiet: true });
  log.ok('database migrated');

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? `http://localhost:${temporalUiPort}`,
    HERALD_ENCRYPTION_KEY: localEncryptionKey(dataDir),
    HOST: host,
    PORT: String(port),
    WORKER_METRICS_PORT: String(workerMetricsPort),
    UPLOAD_DIR: process.env.UPLOAD_DIR ?? path.join(dataDir, 'uploads'),
    MEDIA_PUBLIC_URL: process.env.MEDIA_PUBLIC_URL ?? `http://localhost:${port}/uploads`,
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_STATE_FILE: process.env.SANDBOX_STATE_FILE ?? path.join(dataDir, 'sandbox-state.json'),
    META_GRAPH_URL: process.env.META_GRAPH_URL ?? `${sandboxUrl}/graph.facebook.com`,
    INSTAGRAM_GRAPH_URL: process.env.INSTAGRAM_GRAPH_URL ?? `${sandboxUrl}/graph.instagram.com`,
    TIKTOK_API_URL: process.env.TIKTOK_API_URL ?? `${sandboxUrl}/open.tiktokapis.com`,
    TIKTOK_CLIENT_KEY: process.env.TIKTOK_CLIENT_KEY ?? 'herald-sandbox',
    TIKTOK_CLIENT_SECRET: process.env.TIKTOK_CLIENT_SECRET ?? 'herald-sandbox',
    // In sandbox mode Herald's own uploads count as verified with TikTok, so TikTok pulls them.
    TIKTOK_VERIFIED_URL_PREFIXES: process.env.TIKTOK_VERIFIED_URL_PREFIXES ?? `http://localhost:${port}/uploads/`,
    SANDBOX_TIKTOK_VERIFIED_PREFIXES: process.env.SANDBOX_TIKTOK_VERIFIED_PREFIXES ?? `http://localhost:${port}/uploads/`,
    MEDIA_FETCH_ALLOWED_ORIGINS: process.env.MEDIA_FETCH_ALLOWED_ORIGINS ?? `http://localhost:${port},${sandboxUrl}`,
  };

  const children = new ChildGroup(path.join(dataDir, 'logs'), path.join(dataDir, 'run'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.step('stopping Herald (scheduled posts are kept)');
    await children.stopAll();
    log.ok('Herald stopped: API, workers, sandbox and Temporal');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  // `kill <npm's pid>` ends npm without passing the signal on: notice being orphaned and stop.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 1_000).unref();

  const temporalDb = path.join(dataDir, 'temporal.db');
  const temporal = startTemporalServer({
    bin: temporalBin,
    port: temporalPort,
    uiPort: temporalUiPort,
    dbFile: temporalDb,
    logFile: path.join(dataDir, 'logs', 'temporal.log'),
    detached: true,
  });
  children.adopt('temporal', temporal, temporalDb);
  await waitFor('Temporal', () => temporalHealthy(temporalBin, temporalAddress), { timeoutMs: 90_000, intervalMs: 500 });
  const added = await ensureSearchAttributes(temporalBin, temporalAddress);
  log.ok(`Temporal dev server on ${temporalAddress}, UI on http://localhost:${temporalUiPort}${added.length ? ` (registered ${added.join(', ')})` : ''}`);

  children.start({ name: 'sandbox', command: process.execPath, args: [path.join(root, 'apps/sandbox/dist/main.js')], env });
  await waitFor('the sandbox', () => httpOk(`${sandboxUrl}/__sandbox/health`), { timeoutMs: 30_000 });

  const seeded = await run(process.execPath, [path.join(root, 'apps/api/dist/cli/seed-demo.js')], {
    env: { ...env, SANDBOX_URL: sandboxUrl, DEMO_KEY_FILE: path.join(dataDir, 'demo-api-key') },
  });
  const demo = JSON.parse(seeded.stdout.trim().split('\n').pop());

  children.start({ name: 'worker', command: process.execPath, args: [path.join(root, 'apps/worker/dist/main.js')], env });
  children.start({ name: 'api', command: process.execPath, args: [path.join(root, 'apps/api/dist/main.js')], env });
  await waitFor('the API', () => httpOk(`http://127.0.0.1:${port}/api/health/ready`), { timeoutMs: 60_000 });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
${log.bold('Herald is running in sandbox mode')} (ready in ${seconds} s)
  Web UI         http://localhost:${port}/ (sign in with the API key below)
  Public API     http://localhost:${port}/api/public/v1
  API key        ${demo.apiKey}
  Temporal UI    http://localhost:${temporalUiPort}
  Sandbox        ${sandboxUrl}/__sandbox/published
  Metrics        http://localhost:${port}/metrics${workerMetricsPort > 0 ? ` (API), http://localhost:${workerMetricsPort}/metrics (worker)` : ''}
  Channels       ${demo.channels.join('\n                 ')}
  Data           ${dataDir} and the Postgres database ${new URL(databaseUrl).pathname.slice(1)}

  Try the Postiz CLI against it:
    export POSTIZ_API_URL=http://localhost:${port}/api POSTIZ_API_KEY=${demo.apiKey}
    npx --yes postiz integrations:list

  Logs in ${path.join(dataDir, 'logs')}. Ctrl-C stops everything; scheduled posts are kept.
`);
}

/** The database `npm start` uses for a data folder (the doctor finds it the same way). */
export function defaultDatabaseName(dataDir) {
  return `herald_${createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`;
}
