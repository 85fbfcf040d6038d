import type { Response } from 'express';
import type { RequestLogEntry } from '../state/request-log';

/** What the shared network pipeline keeps about a call while it is handled. */
export interface SandboxLocals {
  host: string;
  /** API version segment stripped from the path, e.g. v21.0. */
  version?: string;
  logEntry?: RequestLogEntry;
  faultId?: string;
  /** A dropResponse fault: the handler runs, then the socket is destroyed instead of answered. */
  dropResponse?: boolean;
}

export function sandboxLocals(res: Response): SandboxLocals {
  const locals = res.locals as { sandbox?: SandboxLocals };
  locals.sandbox ??= { host: '' };
  return locals.sandbox;
}
