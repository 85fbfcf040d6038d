import type { SandboxStore } from './sandbox.store';

/**
 * Real time plus an offset set through the admin API, so tests can jump past container expiry
 * or a rolling 24 h quota window. The offset lives in the store and survives restarts.
 */
export class SandboxClock {
  constructor(private readonly store: SandboxStore) {}

  now(): Date {
    return new Date(Date.now() + this.store.data.clockOffsetMs);
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  get offsetMs(): number {
    return this.store.data.clockOffsetMs;
  }

  advance(ms: number): void {
    this.store.data.clockOffsetMs += ms;
    this.store.changed();
  }
}
