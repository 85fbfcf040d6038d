// Postgres being down surfaces as driver errors of several shapes (node-postgres, the Prisma
// adapter, Prisma's own codes). Recognising them lets the API answer 503 naming Postgres
// instead of a 500 that tells the user nothing.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P03', 'P1001', 'P1002', 'P1017', 'P2024']);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const candidate = e as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
    if (typeof candidate.code === 'string' && CONNECTION_CODES.has(candidate.code)) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (/ECONNREFUSED|Connection terminated|connect ETIMEDOUT|Can't reach database|timeout exceeded when trying to connect|DatabaseNotReachable|the database system is (starting up|shutting down)/i.test(message)) {
      return true;
    }
    e = candidate.cause;
  }
  return false;
}
