import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, testEnv } from './test-env';
import { waitUntil } from './wait-until';

/** A Herald process (API, worker, sandbox) started from its build, as production starts it. */
export class AppProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();
  private starts = 0;
  /** How the last run ended: an exit code, or the signal that killed it. */
  lastExit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly args: readonly string[] = [],
    /** Tests want source-mapped stacks; the bench runs Node as production does, without them. */
    private readonly nodeArgs: readonly string[] = ['--enable-source-maps'],
  ) {}

  start(): this {
    const { runDir } = testEnv();
    const log = createWriteStream(path.join(runDir, `${this.name}-${++this.starts}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [...this.nodeArgs, path.join(REPO_ROOT, this.script), ...this.args], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.lastExit = undefined;
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.lastExit = { code, signal };
        resolve();
      }),
    );
    this.child = child;
    return this;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** SIGTERM, as an orchestrator stops it; SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 40_000): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    this.child?.kill('SIGTERM');
    await this.exit;
    clearTimeout(timer);
  }

  /** SIGKILL: the crash nothing can clean up after. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exit;
  }
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    url,
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return response.ok ? true : undefined;
    },
    { timeoutMs },
  );
}
