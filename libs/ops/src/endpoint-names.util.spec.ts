import { describeDatabaseUrl, describeRedisUrl } from './endpoint-names.util';

describe('endpoint names', () => {
  it('should name a database by host, port and name, never its password', () => {
    expect(describeDatabaseUrl('postgresql://herald:secret@db.internal/herald')).toBe('db.internal:5432/herald');
  });

  it('should name a Redis by host and port, and its database number when not 0', () => {
    expect(describeRedisUrl('redis://:secret@127.0.0.1:6380/2')).toBe('127.0.0.1:6380/2');
    expect(describeRedisUrl('redis://cache')).toBe('cache:6379');
  });
});
