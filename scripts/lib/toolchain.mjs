// Installs what a fresh machine lacks: pnpm, the workspace's dependencies, the Temporal dev
// server (built once from the Go module proxy into a shared, versioned cache), the Prisma client
// and the build. Each step is skipped when its result is already there.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandExists, run } from './exec.mjs';
import { SetupError, log } from './log.mjs';

export const root = path.resolve(new URL('../..', import.meta.url).pathname);
export const cacheDir = process.env.HERALD_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'herald');

export const TEMPORAL_CLI_VERSION = '1.5.1';

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new SetupError(`Node.js ${process.versions.node} is too old: Herald needs 20.19 or later (Prisma 7 and Temporal 1.24 require it).`);
  }
}

/**
 * pnpm at the version package.json pins, installed with npm into the cache. (Corepack would do
 * this too, but the corepack bundled with Node 20 rejects the registry's current signing keys.)
 */
export async function ensurePnpm() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = pkg.packageManager.split('@')[1];
  const dir = path.join(cacheDir, `pnpm-${version}`);
  const bin = path.join(dir, 'node_modules', '.bin', 'pnpm');
  if (!existsSync(bin)) {
    log.step(`installing pnpm ${version}`);
    mkdirSync(dir, { recursive: true });
    await run('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `pnpm@${version}`]);
  }
  return bin;
}

function lockHash() {
  const h = createHash('sha256');
  for (const f of ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml']) h.update(readFileSync(path.join(root, f)));
  return h.digest('hex');
}

export async function ensureDependencies(pnpm) {
  const stamp = path.join(root, 'node_modules', '.herald-install');
  const hash = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log.step('installing workspace dependencies (pnpm install)');
  const started = Date.now();
  await run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], {
    cwd: root,
    env: { ...process.env, CI: process.env.CI ?? 'true' },
  });
  writeFileSync(stamp, hash);
  log.ok(`dependencies installed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** The Temporal CLI (it embeds the real server and its Web UI), built from the Go module proxy. */
export async function ensureTemporal() {
  if (process.env.TEMPORAL_BIN) {
    if (!existsSync(process.env.TEMPORAL_BIN)) throw new SetupError(`TEMPORAL_BIN=${process.env.TEMPORAL_BIN} does not exist.`);
    return process.env.TEMPORAL_BIN;
  }
  const dir = path.join(cacheDir, `temporal-${TEMPORAL_CLI_VERSION}`);
  const bin = path.join(dir, 'temporal');
  if (existsSync(bin)) {
    try {
      const { stdout } = await run(bin, ['--version']);
      if (stdout.includes(`version ${TEMPORAL_CLI_VERSION}`)) return bin;
    } catch {
      // rebuild below
    }
  }
  if (!commandExists('go')) {
    throw new SetupError(
      'Go is not installed, and Herald builds the Temporal dev server with it (once). Install Go 1.25 or later ' +
        '(https://go.dev/dl), or set TEMPORAL_BIN to a Temporal CLI v1.5.1 binary.',
    );
  }
  log.step(`building the Temporal CLI v${TEMPORAL_CLI_VERSION} from the Go module proxy (first time only; several minutes)`);
  mkdirSync(dir, { recursive: true });
  await run(
    'go',
    [
      'install',
      '-ldflags',
      `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
      `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
    ],
    { env: { ...process.env, CGO_ENABLED: '0', GOBIN: dir, GOFLAGS: '-mod=mod' } },
  );
  log.ok(`Temporal CLI built at ${bin}`);
  return bin;
}

export async function generateAndBuild() {
  const { generate } = await import('../db/generate.mjs');
  if (generate()) log.ok('Prisma client generated');
  const { stdout } = await run(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root });
  log.ok(stdout.trim());
}
