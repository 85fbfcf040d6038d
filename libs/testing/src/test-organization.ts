import {
  ApiKeyRepository,
  CredentialsCipher,
  type Db,
  type IntegrationRecord,
  IntegrationRepository,
  OrganizationRepository,
} from '@herald/db';
import type { ProviderId } from '@herald/domain';
import type { SandboxAccount, SandboxAdmin } from './sandbox-admin';
import { testEnv } from './test-env';

export interface TestOrganization {
  organizationId: string;
  apiKey: string;
  channels: Partial<Record<ProviderId, { integration: IntegrationRecord; account: SandboxAccount }>>;
}

/**
 * A fresh organization with its own API key and channels bound to fresh sandbox accounts, so
 * that tests never see each other's posts.
 */
export async function createTestOrganization(
  db: Db,
  sandbox: SandboxAdmin,
  providers: ProviderId[] = ['facebook', 'instagram'],
): Promise<TestOrganization> {
  const organizations = new OrganizationRepository(db);
  const apiKeys = new ApiKeyRepository(db);
  const integrations = new IntegrationRepository(db, new CredentialsCipher(testEnv().encryptionKey));
  const organization = await organizations.create({ name: `test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  const apiKey = await apiKeys.issue(organization.id);
  const channels: TestOrganization['channels'] = {};
  for (const provider of providers) {
    const network = provider === 'instagram-standalone' ? 'instagram' : provider;
    const account = await sandbox.createAccount({ network });
    const integration = await integrations.upsert(organization.id, {
      provider,
      internalId: account.id,
      name: account.name,
      profile: account.username ?? null,
      credentials:
        provider === 'instagram-standalone'
          ? { accessToken: account.instagramLoginToken ?? account.accessToken }
          : {
              accessToken: account.accessToken,
              ...(account.userAccessToken && { userAccessToken: account.userAccessToken }),
              ...(account.refreshToken && { refreshToken: account.refreshToken }),
            },
    });
    channels[provider] = { integration, account };
  }
  return { organizationId: organization.id, apiKey, channels };
}
