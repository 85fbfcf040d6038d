// The machine's Postgres and Redis: checked, started when installed but stopped, and named
// clearly when missing.
import { readdirSync, existsSync } from 'node:fs';
import { commandExists, run, sleep } from './exec.mjs';
import { SetupError, log } from './log.mjs';

async function postgresUp(host, port) {
  if (!commandExists('pg_isready')) return false;
  try {
    await run('pg_isready', ['-h', host, '-p', String(port)], { timeoutMs: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export async function ensurePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const host = url.hostname;
  const port = Number(url.port || 5432);
  if (await postgresUp(host, port)) return;
  const local = host === '127.0.0.1' || host === 'localhost';
  if (local && commandExists('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    const versions = readdirSync('/etc/postgresql');
    log.step(`starting PostgreSQL ${versions.join(', ')}`);
    for (const version of versions) {
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']).catch(() => undefined);
    }
    for (let i = 0; i < 30; i++) {
      if (await postgresUp(host, port)) return log.ok('PostgreSQL started');
      await sleep(500);
    }
  }
  throw new SetupError(
    commandExists('psql') || commandExists('pg_ctlcluster')
      ? `PostgreSQL is installed but not answering on ${host}:${port}. Start it (pg_ctlcluster <version> main start) or set DATABASE_URL.`
      : `PostgreSQL is not installed. Install it (apt-get install postgresql) or set DATABASE_URL to a reachable server.`,
  );
}

async function redisUp(host, port) {
  if (!commandExists('redis-cli')) return false;
  try {
    const { stdout } = await run('redis-cli', ['-h', host, '-p', String(port), 'ping'], { timeoutMs: 5_000 });
    return stdout.trim() === 'PONG';
  } catch {
    return false;
  }
}

export async function ensureRedis(redisUrl) {
  const url = new URL(redisUrl);
  const host = url.hostname;
  const port = Number(url.port || 6379);
  if (await redisUp(host, port)) return;
  const local = host === '127.0.0.1' || host === 'localhost';
  if (local && commandExists('redis-server')) {
    log.step('starting Redis');
    await run('redis-server', [
      '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(port),
      '--save', '', '--appendonly', 'no',
    ]).catch(() => undefined);
    for (let i = 0; i < 30; i++) {
      if (await redisUp(host, port)) return log.ok('Redis started');
      await sleep(300);
    }
  }
  throw new SetupError(
    commandExists('redis-server')
      ? `Redis is installed but not answering on ${host}:${port}. Start it or set REDIS_URL.`
      : 'Redis is not installed. Install it (apt-get install redis-server) or set REDIS_URL to a reachable server.',
  );
}

/** Creates the database when it does not exist (the server itself must be up). */
export async function ensureDatabase(databaseUrl) {
  const { default: pg } = await import('pg');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log.ok(`database ${name} created`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl) {
  const { default: pg } = await import('pg');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Removes a run's keys from the shared Redis (redis-cli, when installed). */
export async function deleteRedisKeys(redisUrl, prefix) {
  const { hostname, port } = new URL(redisUrl);
  const cli = ['-h', hostname, '-p', port || '6379'];
  try {
    const { stdout } = await run('redis-cli', [...cli, '--scan', '--pattern', `${prefix}*`]);
    const keys = stdout.split('\n').filter(Boolean);
    for (let i = 0; i < keys.length; i += 500) await run('redis-cli', [...cli, 'del', ...keys.slice(i, i + 500)]);
  } catch {
    // best effort: the keys are prefixed and expire or are harmless
  }
}
