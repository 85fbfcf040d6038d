#!/usr/bin/env node
// Compiles every workspace package's src/ to dist/ with SWC (CommonJS, decorator metadata for
// Nest), then bundles the workflow code ahead of time so that a production worker polls within
// seconds of starting instead of running webpack first. The web UI (apps/web) is built by Vite
// into apps/web/dist, which the API serves. Type-checking is separate (`tsc -b`).
import { createRequire } from 'node:module';
import { readdir, mkdir, rm, writeFile, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const swc = require('@swc/core');

const swcrc = JSON.parse(await readFile(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__fixtures__') yield* walk(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

async function compilePackage(pkgDir) {
  const src = path.join(pkgDir, 'src');
  const dist = path.join(pkgDir, 'dist');
  if (!existsSync(src)) return 0;
  await rm(dist, { recursive: true, force: true });
  let count = 0;
  const jobs = [];
  for await (const file of walk(src)) {
    const rel = path.relative(src, file);
    const out = path.join(dist, rel.replace(/\.ts$/, '.js'));
    jobs.push(
      (async () => {
        const result = await swc.transformFile(file, {
          ...swcrc,
          swcrc: false,
          filename: file,
          sourceMaps: true,
          sourceFileName: path.relative(path.dirname(out), file),
        });
        await mkdir(path.dirname(out), { recursive: true });
        await writeFile(out, `${result.code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
        if (result.map) await writeFile(`${out}.map`, result.map);
        count++;
      })(),
    );
  }
  await Promise.all(jobs);
  return count;
}

async function bundleWorkflows() {
  const entry = path.join(root, 'apps/worker/dist/workflows/index.js');
  if (!existsSync(entry)) return;
  const { bundleWorkflowCode } = require(require.resolve('@temporalio/worker', { paths: [path.join(root, 'apps/worker')] }));
  const started = Date.now();
  const { code } = await bundleWorkflowCode({ workflowsPath: entry, logger: quietLogger() });
  await writeFile(path.join(root, 'apps/worker/dist/workflow-bundle.js'), code);
  return Date.now() - started;
}

/** apps/web: a browser bundle, not CommonJS; Vite writes apps/web/dist (the API serves it at /). */
async function buildWebApp() {
  const webDir = path.join(root, 'apps/web');
  const viteEntry = createRequire(path.join(webDir, 'package.json')).resolve('vite');
  const { build } = await import(pathToFileURL(viteEntry).href);
  const started = Date.now();
  await build({ root: webDir, configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  return Date.now() - started;
}

function quietLogger() {
  const noop = () => {};
  return { trace: noop, debug: noop, info: noop, warn: (m) => console.warn(m), error: (m) => console.error(m), log: noop };
}

const started = Date.now();
const packages = [];
for (const group of ['libs', 'apps']) {
  for (const name of await readdir(path.join(root, group))) {
    const dir = path.join(root, group, name);
    if (dir === path.join(root, 'apps/web')) continue; // Vite's, below
    if ((await stat(dir)).isDirectory() && existsSync(path.join(dir, 'package.json'))) packages.push(dir);
  }
}
// The benchmarks (npm run bench) are built with the rest, so that a suite can run them too.
packages.push(path.join(root, 'bench'));
const [counts, webMs] = await Promise.all([Promise.all(packages.map(compilePackage)), buildWebApp()]);
const files = counts.reduce((a, b) => a + b, 0);
const bundleMs = await bundleWorkflows();
console.log(
  `build: ${files} files in ${packages.length} packages (${Date.now() - started} ms); web UI ${webMs} ms` +
    (bundleMs !== undefined ? `; workflow bundle ${bundleMs} ms` : ''),
);
