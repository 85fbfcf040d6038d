import path from 'node:path';
import { AppProcess } from './app-process';
import { testEnv } from './test-env';
import { waitUntil } from './wait-until';
import { Connection } from '@temporalio/client';

/**
 * A Temporal dev server of the test's own (the real server, as `npm start` runs it), for tests
 * that stop and restart Temporal. Its SQLite file survives a stop, as in production.
 */
export class TemporalDevServer {
  private readonly process: AppProcess;

  constructor(
    readonly port: number,
    readonly dbFile: string = path.join(testEnv().runDir, `temporal-${port}.db`),
  ) {
    this.process = new AppProcess(`temporal-${port}`, 'scripts/lib/temporal-server.mjs', { PATH: process.env.PATH, HOME: process.env.HOME }, [
      '--bin',
      testEnv().temporalBin,
      '--port',
      String(port),
      '--db',
      dbFile,
    ]);
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts it and waits until its frontend says SERVING. */
  async start(): Promise<this> {
    this.process.start();
    await waitForTemporalServing(this.address, 500);
    return this;
  }

  stop(): Promise<void> {
    return this.process.stop(20_000);
  }
}

/** Waits until the Temporal frontend at `address` says SERVING (its gRPC health check). */
export async function waitForTemporalServing(address: string, intervalMs = 200): Promise<void> {
  await waitUntil(
    `Temporal on ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        const { status } = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
        return status === 1 ? true : undefined;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 90_000, intervalMs },
  );
}
