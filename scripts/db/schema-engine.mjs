// Prisma's schema engine compiled to WebAssembly, driven through the pg driver adapter. This is
// how Herald applies and writes migrations without Prisma's native engine download, which this
// machine cannot reach. The folder format stays Prisma's own, so `prisma migrate deploy` accepts
// the same prisma/migrations on a machine with the native engine.
import { createRequire } from 'node:module';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const schemaPath = path.join(root, 'prisma/schema.prisma');
export const migrationsDir = path.join(root, 'prisma/migrations');

export async function openEngine(connectionString) {
  const wasmDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bindings = await import(path.join(wasmDir, 'schema_engine_bg.js'));
  const wasmBytes = await readFile(path.join(wasmDir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();

  const { PrismaPg } = require('@prisma/adapter-pg');
  const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString, Client: charAsTextClient() }));
  const datamodel = await readFile(schemaPath, 'utf8');
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    () => {},
    adapter,
  );
  return { engine, datamodel };
}

// Describing a database (needed to diff migrations) reads catalog columns of Postgres's internal
// one-byte type "char" (OID 18, e.g. pg_class.relkind), which the pg driver adapter does not map.
// Its values arrive as one-character strings, so reporting them as text (OID 25) is exact.
function charAsTextClient() {
  const pg = require('pg');
  const patch = (result) => {
    for (const r of Array.isArray(result) ? result : [result]) {
      for (const field of r?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return result;
  };
  return class CharAsTextClient extends pg.Client {
    query(...args) {
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last];
        args[last] = (error, result) => callback(error, error ? result : patch(result));
        return super.query(...args);
      }
      const out = super.query(...args);
      return out && typeof out.then === 'function' ? out.then(patch) : out;
    }
  };
}

export async function loadMigrations() {
  const dirs = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const migrationDirectories = [];
  for (const name of dirs) {
    const file = path.join(migrationsDir, name, 'migration.sql');
    migrationDirectories.push({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: existsSync(file) ? { tag: 'ok', value: await readFile(file, 'utf8') } : { tag: 'error', value: 'missing migration.sql' },
      },
    });
  }
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
