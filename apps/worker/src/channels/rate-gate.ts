/**
 * At most `perSecond` passes a second in this process, with bursts of up to one second's worth
 * (a token bucket). Temporal limits how fast each network's activities are dispatched; posts
 * staged ahead of their time were dispatched earlier, so this keeps the same courtesy to the
 * network at the instant they all fall due.
 */
export class RateGate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = perSecond;
    this.last = clock();
  }

  async pass(): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.wait(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
