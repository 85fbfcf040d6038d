/** What every check needs besides its client: the clock (an input, for tests) and a time budget. */
export interface CheckContext {
  now: () => Date;
  /** Longest wait for one dependency before it counts as not answering. */
  timeoutMs: number;
}
