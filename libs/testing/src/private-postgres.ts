import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './test-env';

const exec = promisify(execFile);

/**
 * A Postgres cluster of the test's own (initdb, on a free port), for tests that take Postgres
 * down: the machine's shared server is never stopped. Postgres refuses to run as root, so under
 * root the cluster belongs to the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly binDir: string,
  ) {}

  static async create(port: number): Promise<PrivatePostgres> {
    const { stdout } = await exec('pg_config', ['--bindir']);
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-pg-'));
    const cluster = new PrivatePostgres(port, dir, stdout.trim());
    if (process.getuid?.() === 0) {
      const { stdout: uid } = await exec('id', ['-u', 'postgres']);
      const { stdout: gid } = await exec('id', ['-g', 'postgres']);
      chownSync(dir, Number(uid), Number(gid));
    }
    await cluster.run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    return cluster;
  }

  /** The URL of a database on this cluster. */
  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-o', options, '-l', path.join(this.dir, 'postgres.log'), '-w', 'start']);
  }

  /** Fast shutdown: open connections are cut, as when the server goes away. */
  async stop(): Promise<void> {
    await this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  }

  /** Creates a database and applies Herald's migrations to it. */
  async createHeraldDatabase(database: string): Promise<string> {
    await this.run('createdb', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', database]);
    const url = this.url(database);
    await exec(process.execPath, [path.join(REPO_ROOT, 'scripts/db/migrate.mjs'), 'deploy'], { env: { ...process.env, DATABASE_URL: url } });
    return url;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async run(tool: string, args: string[]): Promise<void> {
    const bin = path.join(this.binDir, tool);
    const [cmd, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    await exec(cmd as string, argv as string[], { cwd: this.dir });
  }
}
