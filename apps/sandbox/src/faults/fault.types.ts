/** A fault as the admin API accepts it (POST /__sandbox/faults). */
export interface FaultInput {
  method?: string;
  host?: string;
  /** Regular expression source matched against the path after the host and API version. */
  path: string;
  /** Regular expression source matched against the raw query string (e.g. `fields=permalink`). */
  query?: string;
  /** How many matching calls it applies to. */
  times?: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Apply the call, then destroy the socket without answering. */
  dropResponse?: boolean;
}

export interface Fault {
  id: string;
  method?: string;
  host?: string;
  path: string;
  query?: string;
  times: number;
  /** Calls it still applies to; 0 once used up (kept for inspection). */
  remaining: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  dropResponse: boolean;
  createdAt: string;
}
