import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, waitForTemporalServing } from '@herald/testing';

/**
 * The run's own Temporal dev server, started through scripts/lib/temporal-server.mjs (Herald's
 * flags: search attributes, dynamic config) in a process group of its own, so that `kill()` can
 * SIGKILL the wrapper and the server together, as a crash would.
 */
export class BenchTemporal {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly bin: string,
    readonly port: number,
    readonly dbFile: string,
    private readonly logFile: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The server's own pid (the wrapper's child), for its memory. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts/lib/temporal-server.mjs'), '--bin', this.bin, '--port', String(this.port), '--db', this.dbFile, '--log', this.logFile],
      { stdio: 'ignore', detached: true },
    );
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    await waitForTemporalServing(this.address);
  }

  /** SIGKILL to the whole group: the crash nothing can clean up after. */
  async kill(): Promise<void> {
    this.signalGroup('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.signalGroup('SIGTERM');
    await this.exited;
  }

  /** Synchronous, for process exit handlers. */
  signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}
