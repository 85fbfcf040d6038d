import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@herald/config';
import { sendJson } from '../../http/respond.util';
import { GraphError } from './graph-error';
import { invalidParameter, unknownError } from './graph.errors';

/** Writes thrown errors as Graph's envelope; anything unexpected becomes Graph's code 1 with HTTP 500. */
export function graphErrorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    let error: GraphError;
    if (err instanceof GraphError) {
      error = err;
    } else if (isBodyParseError(err)) {
      error = invalidParameter('The request body could not be parsed');
    } else {
      logger.error({ err: err instanceof Error ? err.stack : String(err) }, 'unexpected error in a Graph handler');
      error = unknownError();
    }
    sendJson(res, error.status, error.envelope(), error.headers());
  };
}

function isBodyParseError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.parse.failed';
}
