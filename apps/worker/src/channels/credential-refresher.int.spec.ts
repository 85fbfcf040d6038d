import Redis from 'ioredis';
import { createLogger } from '@herald/config';
import { CredentialsCipher, type Db, IntegrationRepository, OrganizationRepository, createPrismaClient } from '@herald/db';
import type { IntegrationCredentials } from '@herald/domain';
import { ProviderError, type ProviderAdapter } from '@herald/providers';
import { testEnv } from '@herald/testing';
import { ChannelThrottle } from './channel-throttle';
import { CredentialRefresher } from './credential-refresher';

describe(CredentialRefresher.name, () => {
  let db: Db;
  let redis: Redis;
  let integrations: IntegrationRepository;
  let organizationId: string;

  beforeAll(async () => {
    const env = testEnv();
    db = createPrismaClient(env.databaseUrl, { maxConnections: 4 });
    redis = new Redis(env.redisUrl, { keyPrefix: env.redisKeyPrefix });
    integrations = new IntegrationRepository(db, new CredentialsCipher(env.encryptionKey));
    organizationId = (await new OrganizationRepository(db).create({ name: 'refresh-test' })).id;
  });

  afterAll(async () => {
    await redis.quit();
    await db.$disconnect();
  });

  async function channel(credentials: IntegrationCredentials) {
    const integration = await integrations.upsert(organizationId, {
      provider: 'tiktok',
      internalId: `open-${Math.random().toString(36).slice(2)}`,
      name: 'TikTok',
      credentials,
    });
    return { organizationId, integrationId: integration.id };
  }

  function adapter(refresh: jest.Mock): ProviderAdapter {
    return { provider: 'tiktok', refresh } as unknown as ProviderAdapter;
  }

  const stale = { accessToken: 'act.old', refreshToken: 'rft.1', expiresAt: new Date(Date.now() - 1000).toISOString() };

  it('should refresh once when several workers find the token rejected at the same time', async () => {
    const ref = await channel(stale);
    let calls = 0;
    const refresh = jest.fn(async (c: IntegrationCredentials) => {
      calls++;
      await new Promise((r) => setTimeout(r, 300));
      return { accessToken: `act.new.${calls}`, refreshToken: `rft.${calls + 1}`, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), from: c.refreshToken };
    });
    const workers = [1, 2, 3, 4].map(() => new CredentialRefresher(redis, integrations, createLogger('test', 'silent')));

    const results = await Promise.all(workers.map((w) => w.refresh(ref, adapter(refresh), stale)));

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['act.new.1']));
    // The rotated refresh token is what is stored now.
    expect(await integrations.getCredentials(organizationId, ref.integrationId)).toMatchObject({ accessToken: 'act.new.1', refreshToken: 'rft.2' });
  });

  it('should refresh ahead of expiry, and leave a token that lasts alone', async () => {
    const ref = await channel(stale);
    const refresh = jest.fn(async () => ({ accessToken: 'act.ahead', refreshToken: 'rft.x', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }));
    const refresher = new CredentialRefresher(redis, integrations, createLogger('test', 'silent'));
    const lasting = { ...stale, accessToken: 'act.ok', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };

    expect((await refresher.current(ref, adapter(refresh), stale)).accessToken).toBe('act.ahead');
    expect(await refresher.current(ref, adapter(refresh), lasting)).toBe(lasting);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('should mark the channel "reconnect needed" only when the network refuses the refresh token for good', async () => {
    const transient = await channel(stale);
    const definitive = await channel(stale);
    const refresher = new CredentialRefresher(redis, integrations, createLogger('test', 'silent'));
    const down = jest.fn(async () => {
      throw new ProviderError({ code: 'NETWORK_UNAVAILABLE', message: 'TikTok is down', retryable: true, outcome: 'not-applied' });
    });
    const refused = jest.fn(async () => {
      throw new ProviderError({ code: 'RECONNECT_NEEDED', message: 'invalid_grant', retryable: false, outcome: 'not-applied' });
    });

    await expect(refresher.refresh(transient, adapter(down), stale)).rejects.toThrow('TikTok is down');
    await expect(refresher.refresh(definitive, adapter(refused), stale)).rejects.toThrow('invalid_grant');

    const rows = await db.integration.findMany({ where: { id: { in: [transient.integrationId, definitive.integrationId] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.refreshNeeded]))).toEqual({
      [transient.integrationId]: false,
      [definitive.integrationId]: true,
    });
  });
});

describe(ChannelThrottle.name, () => {
  it('should pause one channel for every worker and keep the longer pause', async () => {
    const env = testEnv();
    const redis = new Redis(env.redisUrl, { keyPrefix: env.redisKeyPrefix });
    try {
      const a = new ChannelThrottle(redis);
      const b = new ChannelThrottle(redis);
      await a.pause('chan-1', 60_000);
      await b.pause('chan-1', 1_000);

      expect(await b.remainingMs('chan-1')).toBeGreaterThan(55_000);
      expect(await b.remainingMs('chan-2')).toBe(0);
    } finally {
      await redis.quit();
    }
  });
});
