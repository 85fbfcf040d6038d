// The Temporal dev server (the real server, SQLite persistence, the Web UI), started as a child
// process, plus the idempotent registration of Herald's search attributes.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { run } from './exec.mjs';
import { root } from './toolchain.mjs';

export const SEARCH_ATTRIBUTES = [
  ['PostId', 'Keyword'],
  ['OrganizationId', 'Keyword'],
  ['IntegrationId', 'Keyword'],
  ['Provider', 'Keyword'],
  ['PublishAt', 'Datetime'],
];

/** Every value without constraints in dynamicconfig/development-sql.yaml, as CLI flags. */
export function dynamicConfigArgs(file = path.join(root, 'dynamicconfig/development-sql.yaml')) {
  const config = parse(readFileSync(file, 'utf8')) ?? {};
  const args = [];
  for (const [key, entries] of Object.entries(config)) {
    const unconstrained = (entries ?? []).find((e) => !e.constraints || Object.keys(e.constraints).length === 0);
    if (unconstrained) args.push('--dynamic-config-value', `${key}=${JSON.stringify(unconstrained.value)}`);
  }
  return args;
}

/** `detached` gives the server a process group of its own (see lib/children.mjs). */
export function startTemporalServer({ bin, port, uiPort, dbFile, logFile, headless = false, detached = false }) {
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--db-filename', dbFile,
    '--sqlite-pragma', 'journal_mode=WAL',
    '--sqlite-pragma', 'synchronous=NORMAL',
    '--sqlite-pragma', 'busy_timeout=5000',
    '--log-level', 'warn',
    ...(headless ? ['--headless'] : ['--ui-port', String(uiPort)]),
    ...SEARCH_ATTRIBUTES.flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    ...dynamicConfigArgs(),
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached });
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  return child;
}

export async function temporalHealthy(bin, address) {
  try {
    const { stdout } = await run(bin, ['operator', 'cluster', 'health', '--address', address], { timeoutMs: 5_000 });
    return stdout.includes('SERVING');
  } catch {
    return false;
  }
}

/**
 * Adds Herald's search attributes that the namespace lacks. The --search-attribute flags only
 * apply when the database file is new, so an existing file needs this.
 */
export async function ensureSearchAttributes(bin, address, namespace = 'default') {
  const { stdout } = await run(bin, ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '-o', 'json']);
  const present = new Set(Object.keys(JSON.parse(stdout).customAttributes ?? {}));
  const added = [];
  for (const [name, type] of SEARCH_ATTRIBUTES) {
    if (present.has(name)) continue;
    await run(bin, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace, '--name', name, '--type', type]);
    added.push(name);
  }
  return added;
}
