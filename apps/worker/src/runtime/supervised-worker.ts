import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from '@herald/config';
import { backoffDelay, sleepUnlessAborted } from './backoff.util';

export type WorkerState = 'connecting' | 'running' | 'backing-off' | 'stopped';

export interface SupervisedWorkerOptions {
  taskQueue: string;
  address: string;
  namespace: string;
  maxBackoffMs: number;
  /** Everything Worker.create needs except the connection, namespace and queue. */
  workerOptions: Omit<WorkerOptions, 'connection' | 'namespace' | 'taskQueue'>;
  logger: Logger;
  signal: AbortSignal;
  onStateChange?: (state: WorkerState) => void;
}

/**
 * Keeps one Temporal worker polling its task queue for the life of the process. Temporal may be
 * down when the process starts or may go away later; the SDK does not retry the first connect
 * and a failed worker cannot be run again, so this loop connects with capped backoff, builds a
 * new worker whenever the previous one stopped, and only returns when `signal` aborts.
 */
export async function runSupervisedWorker(options: SupervisedWorkerOptions): Promise<void> {
  const { taskQueue, logger, signal } = options;
  const setState = (state: WorkerState) => options.onStateChange?.(state);
  let attempt = 0;

  while (!signal.aborted) {
    let connection: NativeConnection | undefined;
    try {
      setState('connecting');
      connection = await NativeConnection.connect({ address: options.address });
      const worker = await Worker.create({
        ...options.workerOptions,
        connection,
        namespace: options.namespace,
        taskQueue,
      });
      if (signal.aborted) return;
      attempt = 0;
      setState('running');
      logger.info({ taskQueue }, 'worker polling');
      const stop = () => {
        try {
          worker.shutdown();
        } catch {
          // already stopping
        }
      };
      signal.addEventListener('abort', stop, { once: true });
      try {
        await worker.run();
      } finally {
        signal.removeEventListener('abort', stop);
      }
      if (!signal.aborted) logger.warn({ taskQueue }, 'worker stopped unexpectedly; starting a new one');
    } catch (error) {
      if (signal.aborted) break;
      attempt++;
      const delay = backoffDelay(attempt, options.maxBackoffMs);
      setState('backing-off');
      logger.warn({ taskQueue, attempt, retryInMs: delay, err: errorText(error) }, 'worker cannot run; retrying');
      await sleepUnlessAborted(delay, signal);
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
  setState('stopped');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
