import { z } from 'zod';
import { loadApiConfig } from './api.config';
import { ConfigError, parseEnv } from './parse-env.util';
import { loadWorkerConfig } from './worker.config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe(parseEnv.name, () => {
  it('should name every bad key at once', () => {
    const schema = z.object({ A: z.coerce.number(), B: z.string() });
    expect(() => parseEnv(schema, { A: 'x' })).toThrow(ConfigError);
    try {
      parseEnv(schema, { A: 'x' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['A', 'B']);
    }
  });

  it('should treat empty strings as unset so that defaults apply', () => {
    const config = loadApiConfig({ DATABASE_URL: 'postgresql://x/y', HERALD_ENCRYPTION_KEY: KEY, PORT: '' });
    expect(config.PORT).toBe(3000);
  });

  it('should return a frozen object', () => {
    const config = loadApiConfig({ DATABASE_URL: 'postgresql://x/y', HERALD_ENCRYPTION_KEY: KEY });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('should refuse an encryption key that is not 32 bytes', () => {
    expect(() => loadApiConfig({ DATABASE_URL: 'postgresql://x/y', HERALD_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /HERALD_ENCRYPTION_KEY: must be 32 bytes/,
    );
  });

  it('should parse the queues a worker serves and refuse unknown ones', () => {
    const base = { DATABASE_URL: 'postgresql://x/y', HERALD_ENCRYPTION_KEY: KEY };
    expect(loadWorkerConfig({ ...base, WORKER_QUEUES: 'workflows, instagram' }).WORKER_QUEUES).toEqual([
      'workflows',
      'instagram',
    ]);
    expect(() => loadWorkerConfig({ ...base, WORKER_QUEUES: 'workflows,myspace' })).toThrow(/WORKER_QUEUES/);
  });
});
