import type { Response } from 'express';
import { sandboxLocals } from './sandbox-locals';

/**
 * Sends a JSON answer, unless a dropResponse fault is armed for this call: then the work has
 * been done and the client sees its connection die, as when a network times out after the
 * provider accepted a post.
 */
export function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRawJson(res, status, JSON.stringify(body), headers);
}

/** Like sendJson with a body already serialized (for numbers JSON.stringify cannot write). */
export function sendRawJson(res: Response, status: number, json: string, headers: Record<string, string> = {}): void {
  const locals = sandboxLocals(res);
  if (locals.dropResponse) {
    if (locals.logEntry) {
      locals.logEntry.status = status;
      locals.logEntry.dropped = true;
    }
    res.socket?.destroy();
    return;
  }
  res.status(status).set(headers).type('application/json').send(json);
}
