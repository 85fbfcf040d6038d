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
  | 'DEPENDENCY_UNAVAILABLE';

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  DEPENDENCY_UNAVAILABLE: 503,
};

export interface AppErrorExtra {
  field?: string;
  integrationId?: string;
  provider?: string;
  /** Which dependency is missing, for 503s. */
  dependency?: 'postgres' | 'redis' | 'temporal';
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
