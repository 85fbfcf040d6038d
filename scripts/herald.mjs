#!/usr/bin/env node
// The two commands of the README, and what they share:
//   npm start   Herald in sandbox mode: Temporal dev server + UI, Postgres and Redis (started
//               when stopped), the sandbox, the workers and the API, with a demo organization.
//   npm test    every test, against real services that it starts on private ports.
//   npm run bench  the benchmarks (bench/), against real services of their own.
// Both install what a fresh machine lacks first. Node built-ins only until dependencies exist.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SetupError, log } from './lib/log.mjs';
import { checkNode, ensureDependencies, ensurePnpm, ensureTemporal, generateAndBuild, root } from './lib/toolchain.mjs';

process.env.COREPACK_ENABLE_DOWNLOAD_PROMPT = '0';

async function setup() {
  checkNode();
  const pnpm = await ensurePnpm();
  await ensureDependencies(pnpm);
  const temporalBin = await ensureTemporal();
  await generateAndBuild();
  return { pnpm, temporalBin };
}

/** The encryption key for OAuth tokens: HERALD_ENCRYPTION_KEY, else one generated once and kept. */
export function localEncryptionKey(dataDir) {
  if (process.env.HERALD_ENCRYPTION_KEY) return process.env.HERALD_ENCRYPTION_KEY;
  const file = path.join(dataDir, 'encryption-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const started = Date.now();
  if (command === 'setup') {
    await setup();
    log.ok(`set up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  if (command === 'start') {
    const tools = await setup();
    const { startHerald } = await import('./start.mjs');
    await startHerald({ ...tools, started, localEncryptionKey });
    return;
  }
  if (command === 'test') {
    const tools = await setup();
    const { runTests } = await import('./test.mjs');
    process.exitCode = await runTests({ ...tools, started, args: rest });
    return;
  }
  if (command === 'bench') {
    const tools = await setup();
    const { runBench } = await import('./bench.mjs');
    process.exitCode = await runBench({ ...tools, args: rest });
    return;
  }
  console.error('usage: node scripts/herald.mjs start | test | setup | bench');
  process.exitCode = 2;
}

main().catch((error) => {
  if (error instanceof SetupError) log.fail(error.message);
  else log.fail(error?.stack ?? String(error));
  process.exit(1);
});

export { root };
