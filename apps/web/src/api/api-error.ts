/** The API's one error shape (DECISIONS.md): `{ statusCode, code, message, field? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a response that is not 2xx, whatever its body (a proxy may answer HTML). */
  static fromBody(status: number, body: unknown): ApiError {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const message = typeof b.message === 'string' ? b.message : `The server answered ${status}.`;
    const code = typeof b.code === 'string' ? b.code : 'HTTP_ERROR';
    return new ApiError(status, code, message, typeof b.field === 'string' ? b.field : undefined);
  }
}

/** Any thrown value as something to show: network failures have no status. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'NETWORK', `Herald could not be reached (${message}).`);
}
