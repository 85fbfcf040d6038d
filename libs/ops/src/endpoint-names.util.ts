/** "host:port/database" of a Postgres URL: where, without the password. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/** "host:port" (and "/db" when not 0) of a Redis URL, without the password. */
export function describeRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    const db = url.pathname.replace(/^\//, '');
    return `${url.hostname}:${url.port || '6379'}${db && db !== '0' ? `/${db}` : ''}`;
  } catch {
    return 'the configured Redis';
  }
}
