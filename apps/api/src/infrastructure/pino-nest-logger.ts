import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@herald/config';

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's own log lines (bootstrap, routes, the exception filter) through the same pino logger
 * as Herald's, so that the API writes one JSON shape, the worker's.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest passes the logger's context last, and for errors a stack before it.
    const strings = params.filter((p): p is string => typeof p === 'string');
    const context = strings.length > 0 && !isStack(strings[strings.length - 1]!) ? strings.pop() : undefined;
    const stack = strings.find(isStack);
    const fields: Record<string, unknown> = { ...(context && { context }), ...(stack && { stack }) };
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { message: text, ...rest } = message as Record<string, unknown>;
      this.logger[level]({ ...fields, ...rest }, typeof text === 'string' ? text : '');
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

function isStack(text: string): boolean {
  return /\n\s+at /.test(text);
}
