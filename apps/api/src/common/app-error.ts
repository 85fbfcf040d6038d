/**
 * Errors services throw; the exception filter turns them into HTTP once. Services never throw
 * Nest HTTP exceptions, so they can be called from the CLI and tests without a web context.
 */
export type AppErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA'
  | 'RATE_LIMITED'
  | 'DEPENDENCY_UNAVAILABLE';

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  DEPENDENCY_UNAVAILABLE: 503,
};

export interface AppErrorExtra {
  field?: string;
  integrationId?: string;
  provider?: string;
  /** Which dependency is missing, for 503s. */
  dependency?: 'postgres' | 'redis' | 'temporal';
  /** For 429s: seconds until the limit lets the caller in again (also sent as Retry-After). */
  retryAfter?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly extra: AppErrorExtra = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  static validation(field: string, reason: string, extra: Omit<AppErrorExtra, 'field'> = {}): AppError {
    return new AppError('VALIDATION', `${field} ${reason}`, { ...extra, field });
  }
}
