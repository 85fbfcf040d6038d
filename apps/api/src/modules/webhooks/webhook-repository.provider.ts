import type { Provider } from '@nestjs/common';
import type { ApiConfig } from '@herald/config';
import { CredentialsCipher, type Db, WebhookRepository } from '@herald/db';
import { API_CONFIG, PRISMA } from '../../infrastructure/tokens';

/** Secrets are stored with the cipher (and key) that protects channel tokens. */
export const webhookRepositoryProvider: Provider = {
  provide: WebhookRepository,
  inject: [PRISMA, API_CONFIG],
  useFactory: (db: Db, config: ApiConfig) => new WebhookRepository(db, new CredentialsCipher(config.HERALD_ENCRYPTION_KEY)),
};
