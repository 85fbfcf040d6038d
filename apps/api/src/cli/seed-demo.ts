// Creates, idempotently, the demo organization `npm start` opens with: its API key and one
// channel per sandbox network account. Run by scripts/herald.mjs after the sandbox is up.
//   SANDBOX_URL       the sandbox's base URL (its admin API lists the seeded accounts)
//   HERALD_API_KEY    use this key instead of generating one
//   DEMO_KEY_FILE     where a generated key is kept (git-ignored data folder)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadApiConfig } from '@herald/config';
import {
  ApiKeyRepository,
  CredentialsCipher,
  IntegrationRepository,
  OrganizationRepository,
  createPrismaClient,
  generateApiKey,
} from '@herald/db';
import type { ProviderId } from '@herald/domain';

const DEMO_ORGANIZATION = 'Herald Demo';

interface SandboxAccount {
  network: 'facebook' | 'instagram' | 'tiktok';
  id: string;
  name: string;
  username?: string;
  accessToken: string;
  userAccessToken?: string;
  refreshToken?: string;
}

async function main(): Promise<void> {
  const config = loadApiConfig();
  const sandboxUrl = (process.env.SANDBOX_URL ?? 'http://127.0.0.1:3900').replace(/\/+$/, '');
  const keyFile = path.resolve(process.env.DEMO_KEY_FILE ?? '.data/demo-api-key');
  const db = createPrismaClient(config.DATABASE_URL, { maxConnections: 2 });
  try {
    const organizations = new OrganizationRepository(db);
    const apiKeys = new ApiKeyRepository(db);
    const integrations = new IntegrationRepository(db, new CredentialsCipher(config.HERALD_ENCRYPTION_KEY));

    const organization =
      (await organizations.findByName(DEMO_ORGANIZATION)) ?? (await organizations.create({ name: DEMO_ORGANIZATION }));

    const apiKey = await resolveApiKey(apiKeys, organization.id, keyFile);

    const response = await fetch(`${sandboxUrl}/__sandbox/accounts`);
    if (!response.ok) throw new Error(`sandbox answered ${response.status} for its accounts`);
    const { accounts } = (await response.json()) as { accounts: SandboxAccount[] };
    const channels: Array<{ provider: ProviderId; account: SandboxAccount | undefined }> = [
      { provider: 'facebook', account: accounts.find((a) => a.network === 'facebook') },
      { provider: 'instagram', account: accounts.find((a) => a.network === 'instagram') },
      { provider: 'tiktok', account: accounts.find((a) => a.network === 'tiktok') },
    ];
    const connected: string[] = [];
    for (const { provider, account } of channels) {
      if (!account) continue;
      const integration = await integrations.upsert(organization.id, {
        provider,
        internalId: account.id,
        name: account.name,
        profile: account.username ?? null,
        credentials: {
          accessToken: account.accessToken,
          ...(account.userAccessToken && { userAccessToken: account.userAccessToken }),
          ...(account.refreshToken && { refreshToken: account.refreshToken }),
        },
      });
      connected.push(`${integration.provider.padEnd(10)} ${integration.id}  ${integration.name}`);
    }

    console.log(JSON.stringify({ organizationId: organization.id, apiKey, channels: connected }));
  } finally {
    await db.$disconnect();
  }
}

/** HERALD_API_KEY when set; else the key generated on a previous start; else a new one, kept. */
async function resolveApiKey(apiKeys: ApiKeyRepository, organizationId: string, keyFile: string): Promise<string> {
  const fromEnv = process.env.HERALD_API_KEY?.trim();
  if (fromEnv) {
    await apiKeys.ensure(organizationId, fromEnv, 'HERALD_API_KEY');
    return fromEnv;
  }
  if (existsSync(keyFile)) {
    const stored = readFileSync(keyFile, 'utf8').trim();
    if ((await apiKeys.findOrganizationId(stored)) === organizationId) return stored;
  }
  const key = await apiKeys.issue(organizationId, 'demo', generateApiKey());
  mkdirSync(path.dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
