import { type IntegrationCredentials, isProviderId, type ProviderId } from '@herald/domain';
import type { CredentialsCipher } from '../crypto/credentials-cipher';
import type { Db } from '../prisma.client';

export interface IntegrationRecord {
  id: string;
  organizationId: string;
  provider: ProviderId;
  internalId: string;
  name: string;
  picture: string | null;
  profile: string | null;
  disabled: boolean;
  refreshNeeded: boolean;
  timeZone: string | null;
  tokenExpiresAt: Date | null;
}

export interface IntegrationUpsert {
  provider: ProviderId;
  internalId: string;
  name: string;
  picture?: string | null;
  profile?: string | null;
  credentials: IntegrationCredentials;
  tokenExpiresAt?: Date | null;
}

/** The columns of an IntegrationRecord (for repositories that read channels with more). */
export const INTEGRATION_SELECT = {
  id: true,
  organizationId: true,
  provider: true,
  internalId: true,
  name: true,
  picture: true,
  profile: true,
  disabled: true,
  refreshNeeded: true,
  timeZone: true,
  tokenExpiresAt: true,
} as const;

type Row = { provider: string } & Omit<IntegrationRecord, 'provider'>;

export function toIntegrationRecord(row: Row): IntegrationRecord {
  if (!isProviderId(row.provider)) throw new Error(`Integration ${row.id} has an unknown provider ${row.provider}`);
  return { ...row, provider: row.provider };
}

/** Channels. Every read takes the organization first; deleted channels are invisible. */
export class IntegrationRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: CredentialsCipher,
  ) {}

  async listForOrganization(organizationId: string): Promise<IntegrationRecord[]> {
    const rows = await this.db.integration.findMany({
      where: { organizationId, deletedAt: null },
      orderBy: { createdAt: 'asc' },
      select: INTEGRATION_SELECT,
    });
    return rows.map(toIntegrationRecord);
  }

  async findForOrganization(organizationId: string, id: string): Promise<IntegrationRecord | null> {
    const row = await this.db.integration.findFirst({ where: { id, organizationId, deletedAt: null }, select: INTEGRATION_SELECT });
    return row ? toIntegrationRecord(row) : null;
  }

  async findManyForOrganization(organizationId: string, ids: readonly string[]): Promise<Map<string, IntegrationRecord>> {
    const rows = await this.db.integration.findMany({
      where: { organizationId, id: { in: [...ids] }, deletedAt: null },
      select: INTEGRATION_SELECT,
    });
    return new Map(rows.map((r) => [r.id, toIntegrationRecord(r)]));
  }

  /**
   * What scheduling a post reads on every request, in one statement: the organization's zone
   * (null if it does not exist) and those of the channels it names that are its own and not
   * deleted.
   */
  async findForScheduling(organizationId: string, ids: readonly string[]): Promise<{ timeZone: string | null; channels: Map<string, IntegrationRecord> }> {
    // A row per channel found, or one with only the zone (the channel's columns null) if none is.
    const rows = await this.db.$queryRaw<Array<{ organizationTimeZone: string } & { [K in keyof Row]: Row[K] | null }>>`
      SELECT o."timeZone" AS "organizationTimeZone", i.id, i."organizationId", i.provider, i."internalId", i.name, i.picture, i.profile,
             i.disabled, i."refreshNeeded", i."timeZone", i."tokenExpiresAt"
        FROM organizations o
        LEFT JOIN integrations i ON i."organizationId" = o.id AND i.id = ANY(${[...ids]}::text[]) AND i."deletedAt" IS NULL
       WHERE o.id = ${organizationId}`;
    const channels = new Map<string, IntegrationRecord>();
    for (const { organizationTimeZone: _zone, ...row } of rows) if (row.id !== null) channels.set(row.id, toIntegrationRecord(row as Row));
    return { timeZone: rows[0]?.organizationTimeZone ?? null, channels };
  }

  /** Connects a channel, or refreshes its name and credentials when it is connected already. */
  async upsert(organizationId: string, data: IntegrationUpsert): Promise<IntegrationRecord> {
    const credentials = this.cipher.encrypt(data.credentials);
    const fields = {
      name: data.name,
      picture: data.picture ?? null,
      profile: data.profile ?? null,
      credentials,
      tokenExpiresAt: data.tokenExpiresAt ?? null,
    };
    const row = await this.db.integration.upsert({
      where: {
        organizationId_provider_internalId: { organizationId, provider: data.provider, internalId: data.internalId },
      },
      create: { organizationId, provider: data.provider, internalId: data.internalId, ...fields },
      update: { ...fields, deletedAt: null, refreshNeeded: false },
      select: INTEGRATION_SELECT,
    });
    return toIntegrationRecord(row);
  }

  /** Stores refreshed credentials (a rotated refresh token among them). */
  async updateCredentials(organizationId: string, id: string, credentials: IntegrationCredentials): Promise<void> {
    await this.db.integration.updateMany({
      where: { id, organizationId, deletedAt: null },
      data: {
        credentials: this.cipher.encrypt(credentials),
        tokenExpiresAt: credentials.expiresAt ? new Date(credentials.expiresAt) : null,
        refreshNeeded: false,
      },
    });
  }

  /** The network refused the channel's login for good: the user must reconnect it. */
  async markRefreshNeeded(organizationId: string, id: string): Promise<void> {
    await this.db.integration.updateMany({ where: { id, organizationId }, data: { refreshNeeded: true } });
  }

  /** The only way to read a channel's tokens. */
  async getCredentials(organizationId: string, id: string): Promise<IntegrationCredentials | null> {
    const row = await this.db.integration.findFirst({
      where: { id, organizationId, deletedAt: null },
      select: { credentials: true },
    });
    return row ? this.cipher.decrypt<IntegrationCredentials>(row.credentials) : null;
  }
}
