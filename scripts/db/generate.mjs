#!/usr/bin/env node
// Generates the Prisma client into libs/db/src/generated (git-ignored), only when the schema
// changed. `prisma generate` never runs the schema engine, but the CLI insists that one exists
// before it starts; pointing it at any executable skips the download this machine cannot make.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = path.join(root, 'prisma/schema.prisma');
const outDir = path.join(root, 'libs/db/src/generated/prisma');
const stampFile = path.join(outDir, '.schema-hash');

export function generate({ force = false } = {}) {
  const prismaPkg = JSON.parse(readFileSync(path.join(root, 'node_modules/prisma/package.json'), 'utf8'));
  const hash = createHash('sha256').update(readFileSync(schema)).update(prismaPkg.version).digest('hex');
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return false;
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/prisma/build/index.js'), 'generate', '--schema', schema],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`prisma generate failed:\n${result.stdout}\n${result.stderr}`);
  }
  writeFileSync(stampFile, hash);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const changed = generate({ force: process.argv.includes('--force') });
  console.log(changed ? 'prisma client generated' : 'prisma client up to date');
}
