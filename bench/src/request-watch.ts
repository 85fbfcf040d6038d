import { MARKER_PATTERN } from './fleet';
import { sleep } from './proc.util';

interface LoggedRequest {
  id: number;
  at: string;
  query: unknown;
  body: unknown;
}

/**
 * Follows the sandbox's request log (it keeps the last 10,000 calls, so it is read every few
 * hundred milliseconds) and keeps, for each post marker, the instant of the first network call
 * that named it: the start of that post's publication, seen by the network for Herald and the
 * baseline alike.
 */
export class FirstCallWatch {
  readonly firstCallAt = new Map<string, number>();
  private lastId = 0;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly sandboxUrl: string) {}

  /** Starts after the calls already logged (the log is shared by every benchmark). */
  async start(): Promise<void> {
    const all = await this.read();
    this.lastId = all.reduce((max, r) => Math.max(max, r.id), this.lastId);
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.drain();
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      await this.drain();
      await sleep(300);
    }
  }

  private async drain(): Promise<void> {
    for (const entry of await this.read()) {
      this.lastId = Math.max(this.lastId, entry.id);
      const found = MARKER_PATTERN.exec(JSON.stringify([entry.query, entry.body]));
      if (found && !this.firstCallAt.has(found[1]!)) this.firstCallAt.set(found[1]!, Date.parse(entry.at));
    }
  }

  private async read(): Promise<LoggedRequest[]> {
    const response = await fetch(`${this.sandboxUrl}/__sandbox/requests?since=${this.lastId}`);
    if (!response.ok) throw new Error(`sandbox request log answered ${response.status}`);
    return ((await response.json()) as { requests: LoggedRequest[] }).requests;
  }
}
