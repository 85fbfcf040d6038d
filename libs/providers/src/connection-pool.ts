import http from 'node:http';
import https from 'node:https';

/** Per network host and process, unless configured (PROVIDER_MAX_CONNECTIONS). */
export const DEFAULT_MAX_CONNECTIONS = 100;

/**
 * At most `max` calls in flight to one network host, each on a kept-alive connection; further
 * calls wait their turn, first come first served, and are timed only once they go out.
 *
 * Why: when thousands of posts fall due at once, every held post calls its network at the same
 * instant. Unbounded, that opens thousands of connections together; the server's accept queue
 * overflows, connections wait seconds for TCP to retry, and calls time out before they were ever
 * sent. A timed-out publishing call has an unknown outcome, so each cost a reconciliation and
 * some ended OUTCOME_UNKNOWN (the benchmark's 10,000-post burst). The queue is here rather than
 * in the agent (`maxSockets`) because axios times a call from its creation, queue included.
 */
export class ConnectionPool {
  readonly agents: { httpAgent: http.Agent; httpsAgent: https.Agent };
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {
    this.agents = {
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: max }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: max }),
    };
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.inFlight < this.max) this.inFlight++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await call();
    } finally {
      // The slot passes straight to the next call waiting, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }
}
