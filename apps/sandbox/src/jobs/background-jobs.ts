import type { Logger } from '@herald/config';

/**
 * Work the sandbox does after answering (a video download behind an IN_PROGRESS container).
 * Keyed so the same job is not started twice, and drained on shutdown so nothing is cut off
 * between the last write and the state file.
 */
export class BackgroundJobs {
  private running = new Map<string, Promise<void>>();

  constructor(private readonly logger: Logger) {}

  has(key: string): boolean {
    return this.running.has(key);
  }

  start(key: string, work: () => Promise<void>): void {
    if (this.running.has(key)) return;
    const job = work()
      .catch((error: unknown) => this.logger.error({ job: key, err: String(error) }, 'background job failed'))
      .finally(() => this.running.delete(key));
    this.running.set(key, job);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }
}
