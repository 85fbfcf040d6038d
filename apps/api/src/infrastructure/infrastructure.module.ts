import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import Redis from 'ioredis';
import { type ApiConfig, TEMPORAL_CHANNEL_ARGS, createLogger, loadApiConfig, providerSettingsFrom } from '@herald/config';
import { createProviderAdapters } from '@herald/providers';
import {
  ApiKeyRepository,
  CredentialsCipher,
  type Db,
  IntegrationRepository,
  MediaRepository,
  OrganizationRepository,
  PostEditRepository,
  PostRepeatRepository,
  PostRepository,
  createPrismaClient,
} from '@herald/db';
import { API_CONFIG, CLOCK, LOGGER, PRISMA, PROVIDER_ADAPTERS, REDIS, TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './tokens';

/**
 * Connections to Postgres, Redis and Temporal. Each one is lazy: the API starts and serves what
 * it can while a dependency is down, and reconnects by itself when it comes back.
 */
@Global()
@Module({
  providers: [
    { provide: API_CONFIG, useFactory: () => loadApiConfig() },
    { provide: CLOCK, useValue: () => new Date() },
    // Structured JSON logs (pino), the same shape as the worker's; Nest's own lines go through it too (main.ts).
    { provide: LOGGER, inject: [API_CONFIG], useFactory: (c: ApiConfig) => createLogger('herald-api', c.LOG_LEVEL) },
    // The API calls networks only for scheduling-time checks (TikTok's creator_info).
    {
      provide: PROVIDER_ADAPTERS,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => createProviderAdapters(providerSettingsFrom(c)),
    },
    { provide: PRISMA, inject: [API_CONFIG], useFactory: (c: ApiConfig) => createPrismaClient(c.DATABASE_URL) },
    {
      provide: REDIS,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) =>
        new Redis(c.REDIS_URL, {
          keyPrefix: c.REDIS_KEY_PREFIX,
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          retryStrategy: (times) => Math.min(times * 500, 5_000),
        }),
    },
    {
      provide: TEMPORAL_CONNECTION,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => Connection.lazy({ address: c.TEMPORAL_ADDRESS, connectTimeout: 5_000, channelArgs: TEMPORAL_CHANNEL_ARGS }),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, API_CONFIG],
      useFactory: (connection: Connection, c: ApiConfig) => new Client({ connection, namespace: c.TEMPORAL_NAMESPACE }),
    },
    {
      provide: CredentialsCipher,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => new CredentialsCipher(c.HERALD_ENCRYPTION_KEY),
    },
    { provide: ApiKeyRepository, inject: [PRISMA], useFactory: (db: Db) => new ApiKeyRepository(db) },
    { provide: OrganizationRepository, inject: [PRISMA], useFactory: (db: Db) => new OrganizationRepository(db) },
    { provide: PostRepository, inject: [PRISMA], useFactory: (db: Db) => new PostRepository(db) },
    { provide: PostEditRepository, inject: [PRISMA], useFactory: (db: Db) => new PostEditRepository(db) },
    { provide: PostRepeatRepository, inject: [PRISMA], useFactory: (db: Db) => new PostRepeatRepository(db) },
    { provide: MediaRepository, inject: [PRISMA], useFactory: (db: Db) => new MediaRepository(db) },
    {
      provide: IntegrationRepository,
      inject: [PRISMA, CredentialsCipher],
      useFactory: (db: Db, cipher: CredentialsCipher) => new IntegrationRepository(db, cipher),
    },
  ],
  exports: [
    API_CONFIG,
    CLOCK,
    LOGGER,
    PROVIDER_ADAPTERS,
    PRISMA,
    REDIS,
    TEMPORAL_CLIENT,
    TEMPORAL_CONNECTION,
    ApiKeyRepository,
    OrganizationRepository,
    PostRepository,
    PostEditRepository,
    PostRepeatRepository,
    MediaRepository,
    IntegrationRepository,
  ],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.db.$disconnect(), this.redis.quit(), this.temporal.close()]);
  }
}
