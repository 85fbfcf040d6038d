import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@herald/config';
import { sendRawJson } from '../../http/respond.util';
import type { SandboxClock } from '../../state/sandbox.clock';
import { makeLogId } from '../tiktok-ids.util';
import { TikTokError, TikTokOAuthError } from './tiktok-error';

/** A `data` object already serialized, for the int64 ids JSON.stringify cannot write exactly. */
export class RawJson {
  constructor(readonly text: string) {}
}

function envelope(data: unknown, code: string, message: string, logId: string): string {
  const dataText = data instanceof RawJson ? data.text : JSON.stringify(data ?? {});
  return `{"data":${dataText},"error":${JSON.stringify({ code, message, log_id: logId })}}`;
}

/** Answers in TikTok's envelope; every answer carries a log id, in the body and in X-Tt-Logid. */
export function sendTikTok(
  res: Response,
  clock: SandboxClock,
  status: number,
  data: unknown,
  error: { code: string; message: string } = { code: 'ok', message: '' },
  headers: Record<string, string> = {},
): void {
  const logId = makeLogId(clock.now());
  sendRawJson(res, status, envelope(data, error.code, error.message, logId), { 'X-Tt-Logid': logId, ...headers });
}

/** The answer to an injected fault that gives a status but no body (or a body but no status). */
export function tiktokFaultAnswer(clock: SandboxClock) {
  return (status: number | undefined, body: unknown): { status: number; body: unknown } => {
    if (body !== undefined) return { status: status ?? 400, body };
    const answered = status ?? 500;
    const code =
      answered >= 500 ? 'internal_error' : answered === 429 ? 'rate_limit_exceeded' : answered === 401 ? 'access_token_invalid' : 'invalid_param';
    return { status: answered, body: { data: {}, error: { code, message: 'Injected by the sandbox.', log_id: makeLogId(clock.now()) } } };
  };
}

function bodyParserStatus(err: unknown): { type: string; status: number } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status } = err as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500 ? { type, status } : undefined;
}

/** Writes thrown errors as TikTok does; anything unexpected is TikTok's internal_error with HTTP 500. */
export function tiktokErrorHandler(clock: SandboxClock, logger: Logger) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (err instanceof TikTokOAuthError) {
      // Observed: the token endpoint reports its errors with HTTP 200.
      const body = { error: err.error, error_description: err.description, log_id: makeLogId(clock.now()) };
      sendRawJson(res, 200, JSON.stringify(body));
      return;
    }
    if (err instanceof TikTokError) {
      sendTikTok(res, clock, err.status, {}, { code: err.code, message: err.message }, err.headers);
      return;
    }
    const parser = bodyParserStatus(err);
    if (parser) {
      const message = parser.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : `The request body was refused (${parser.type}).`;
      sendTikTok(res, clock, parser.status === 413 ? 413 : 400, {}, { code: 'invalid_param', message });
      return;
    }
    logger.error({ err: err instanceof Error ? err.stack : String(err) }, 'unexpected error in a TikTok handler');
    sendTikTok(res, clock, 500, {}, { code: 'internal_error', message: 'Something went wrong. Please try again later.' });
  };
}
