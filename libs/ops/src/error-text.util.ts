/**
 * The one-line reason inside an error from pg, ioredis or gRPC. Some carry it in `details`,
 * `code` or nested `errors` (a refused connection to "localhost" is an AggregateError of the
 * IPv4 and IPv6 attempts, with an empty message).
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const candidate = error as Error & { details?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof candidate.details === 'string' && candidate.details) return firstLine(candidate.details);
  if (candidate.message) return firstLine(candidate.message);
  if (Array.isArray(candidate.errors) && candidate.errors.length) return errorText(candidate.errors[0]);
  if (typeof candidate.code === 'string') return candidate.code;
  if (candidate.cause) return errorText(candidate.cause);
  return candidate.name;
}

function firstLine(text: string): string {
  // Without a final period: callers end their own sentence.
  return text.trim().split('\n')[0]!.trim().replace(/\.+$/, '');
}
