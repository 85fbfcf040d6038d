#!/usr/bin/env node
// Runs a Temporal dev server in the foreground with Herald's flags (search attributes, dynamic
// config from dynamicconfig/), for tests that start and stop a private one:
//   node scripts/lib/temporal-server.mjs --bin <temporal> --port <p> --db <file> [--log <file>]
// SIGTERM/SIGINT stop the server, and this process exits with it.
import { startTemporalServer } from './temporal.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const server = startTemporalServer({ bin: args.bin, port: Number(args.port), dbFile: args.db, logFile: args.log, headless: true });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
