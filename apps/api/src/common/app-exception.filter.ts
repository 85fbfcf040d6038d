import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';
import { isDatabaseUnavailable } from './dependency-errors.util';
import type { ErrorBody } from './error-body';

/** Maps every error to the API's error shape, once, at the edge. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    if (typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      const body: ErrorBody = { statusCode: exception.status, code: exception.code, message: exception.message, ...exception.extra };
      if (exception.code === 'UNAUTHORIZED') body.msg = exception.message;
      return body;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Herald's services never throw HttpExceptions; a 400 one is Nest's translation of express's
      // body parser refusing invalid JSON (a SyntaxError), which deserves the usual error shape.
      if (status === 400 && /JSON/.test(exception.message)) {
        return { statusCode: 400, code: 'VALIDATION', field: 'body', message: `body is not valid JSON (${exception.message})` };
      }
      // Multer (POST /upload) refuses a file sent under another field name before Herald sees it.
      if (status === 400 && exception.message.startsWith('Unexpected file field')) {
        return { statusCode: 400, code: 'VALIDATION', field: 'file', message: 'file must be sent in the multipart field "file", and only one' };
      }
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      return {
        statusCode: status,
        code: status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL',
        message: Array.isArray(message) ? message.join('; ') : String(message),
      };
    }
    const parserError = bodyParserError(exception);
    if (parserError) return parserError;
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        code: 'DEPENDENCY_UNAVAILABLE',
        dependency: 'postgres',
        message: 'The database is not reachable right now; nothing was changed. Try again in a moment.',
      };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Herald failed to handle this request.' };
  }
}

/** express's body parser fails before any controller runs, with its own error shape. */
function bodyParserError(exception: unknown): ErrorBody | undefined {
  const e = exception as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === 'entity.too.large') {
    return {
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      field: 'body',
      message: `body is larger than the ${typeof e.limit === 'number' ? `${e.limit} bytes` : 'allowed size'} a request may carry`,
    };
  }
  if (e.type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'VALIDATION', field: 'body', message: 'body is not valid JSON' };
  }
  return { statusCode: e.status, code: 'BAD_REQUEST', message: `the request body could not be read (${e.type})` };
}
