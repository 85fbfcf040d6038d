// Child processes of `npm start`: output prefixed on the console and kept in .data/logs, a
// restart when one dies unexpectedly, and an orderly stop (SIGTERM, then SIGKILL) on Ctrl-C.
//
// Children run in process groups of their own, so a terminal's Ctrl-C reaches only the start
// script, which then stops them in order (API, worker, sandbox, Temporal): otherwise Temporal
// would die at the same instant as the worker it must serve while the worker drains. Each child's
// pid is kept in .data/run so that a start after a crash can stop what the crash left behind.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { log } from './log.mjs';

export class ChildGroup {
  constructor(logDir, runDir) {
    this.logDir = logDir;
    this.runDir = runDir;
    this.children = [];
    this.stopping = false;
    mkdirSync(logDir, { recursive: true });
    mkdirSync(runDir, { recursive: true });
  }

  /** Stops processes a previous start left running (it was killed before it could stop them). */
  static stopLeftovers(runDir) {
    if (!existsSync(runDir)) return [];
    const stopped = [];
    for (const file of readdirSync(runDir).filter((f) => f.endsWith('.pid'))) {
      const [pidText, marker] = readFileSync(path.join(runDir, file), 'utf8').split('\n');
      const pid = Number(pidText);
      rmSync(path.join(runDir, file), { force: true });
      if (!pid || !isOurs(pid, marker)) continue;
      try {
        process.kill(-pid, 'SIGTERM');
        stopped.push(file.replace(/\.pid$/, ''));
      } catch {
        // already gone
      }
    }
    return stopped;
  }

  track(name, child, marker) {
    writeFileSync(path.join(this.runDir, `${name}.pid`), `${child.pid}\n${marker}\n`);
    child.once('exit', () => rmSync(path.join(this.runDir, `${name}.pid`), { force: true }));
  }

  /** `quiet` keeps the output in the log file only. */
  start({ name, command, args, env, quiet = false, restart = true }) {
    const entry = { name, command, args, env, quiet, restart, process: null, restarts: [] };
    this.children.push(entry);
    this.spawn(entry);
    return entry;
  }

  /** Tracks a process started elsewhere so that stopAll stops it too (it is not restarted). */
  adopt(name, process, marker) {
    this.children.push({ name, process, restart: false });
    this.track(name, process, marker);
    process.on('exit', (code, signal) => {
      if (!this.stopping) log.fail(`${name} exited (${signal ?? code}); see ${path.join(this.logDir, `${name}.log`)}`);
    });
  }

  spawn(entry) {
    const file = createWriteStream(path.join(this.logDir, `${entry.name}.log`), { flags: 'a' });
    const child = spawn(entry.command, entry.args, { env: entry.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    entry.process = child;
    this.track(entry.name, child, entry.args[0] ?? entry.command);
    for (const stream of [child.stdout, child.stderr]) {
      stream.pipe(file, { end: false });
      if (!entry.quiet) {
        readline.createInterface({ input: stream }).on('line', (line) => {
          const text = summarize(line);
          if (text !== null) console.log(`[${entry.name}] ${text}`);
        });
      }
    }
    child.on('exit', (code, signal) => {
      file.end();
      if (this.stopping) return;
      log.warn(`${entry.name} exited (${signal ?? code}); see ${path.join(this.logDir, `${entry.name}.log`)}`);
      if (!entry.restart) return;
      const now = Date.now();
      entry.restarts = entry.restarts.filter((t) => now - t < 60_000);
      if (entry.restarts.length >= 5) {
        log.fail(`${entry.name} keeps exiting; not restarting it again`);
        return;
      }
      entry.restarts.push(now);
      setTimeout(() => !this.stopping && this.spawn(entry), 1_000);
    });
  }

  /** Stops children in reverse start order, each given `graceMs` to drain. */
  async stopAll(graceMs = 35_000) {
    this.stopping = true;
    for (const entry of [...this.children].reverse()) {
      await stopProcess(entry.process, graceMs);
    }
  }
}

export function stopProcess(child, graceMs) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** True when `pid` still runs the command we started (pids are reused). */
function isOurs(pid, marker) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return Boolean(marker) && cmdline.includes(marker);
  } catch {
    return false;
  }
}

// Start-up chatter that is kept in the log files but not worth a console line.
const QUIET = [/Mapped \{/, /dependencies initialized/, /RoutesResolver|RouterExplorer|InstanceLoader/, /No workflows registered/];

// JSON log lines are long; on the console show level and message, with a post id if any.
function summarize(line) {
  if (QUIET.some((pattern) => pattern.test(line))) return null;
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const level = typeof entry.level === 'number' ? { 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[entry.level] : entry.level;
    const message = entry.msg ?? entry.message ?? '';
    const ids = ['postId', 'taskQueue', 'releaseId', 'code', 'url', 'err'].filter((k) => entry[k] !== undefined).map((k) => `${k}=${typeof entry[k] === 'string' ? entry[k] : JSON.stringify(entry[k])}`);
    return `${level ?? 'info'} ${typeof message === 'string' ? message : JSON.stringify(message)} ${ids.join(' ')}`.trim();
  } catch {
    return line;
  }
}
