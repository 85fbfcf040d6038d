#!/usr/bin/env node
// `npm run doctor [-- --json]`: runs the doctor (apps/api/dist/cli/doctor.js) against the Herald
// that `npm start` runs here, unless DATABASE_URL, REDIS_URL or TEMPORAL_ADDRESS say otherwise.
// On a fresh clone it installs and builds first; afterwards it rebuilds only when a source is
// newer than the build, so a run takes a few seconds. Exits with the doctor's status.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkNode, ensureDependencies, ensurePnpm, generateAndBuild, root } from './lib/toolchain.mjs';

const doctor = path.join(root, 'apps/api/dist/cli/doctor.js');

/** The newest modification time under `dir` (sources only), 0 when there is none. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '.tsbuild') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function buildIsStale() {
  if (!existsSync(doctor)) return true;
  const built = statSync(doctor).mtimeMs;
  const sources = [path.join(root, 'apps/api/src'), ...readdirSync(path.join(root, 'libs')).map((lib) => path.join(root, 'libs', lib, 'src'))];
  return Math.max(statSync(path.join(root, 'prisma/schema.prisma')).mtimeMs, ...sources.map(newest)) > built;
}

async function prepare() {
  checkNode();
  await ensureDependencies(await ensurePnpm());
  if (buildIsStale()) await generateAndBuild();
}

// Setting up speaks on stderr: with --json, stdout carries only the doctor's JSON.
const log = console.log;
console.log = console.error;
try {
  await prepare();
} catch (error) {
  console.error(`doctor: could not build Herald first: ${error?.message ?? error}`);
  process.exit(1);
}
console.log = log;

// The same defaults as `npm start` (scripts/start.mjs), so that the doctor looks at that Herald.
const { defaultDatabaseName } = await import('./start.mjs');
const dataDir = path.resolve(process.env.HERALD_DATA_DIR ?? path.join(root, '.data'));
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/${defaultDatabaseName(dataDir)}`,
  TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${process.env.TEMPORAL_PORT ?? 7233}`,
};
const child = spawn(process.execPath, [doctor, ...process.argv.slice(2)], { env, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
