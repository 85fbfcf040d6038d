import { isProviderId, type ProviderId } from '@herald/domain';
import type { Db } from '../prisma.client';

/** A QUEUE post whose publish time has passed, with what the doctor needs to say why. */
export interface OverduePost {
  id: string;
  organizationId: string;
  publishAt: Date;
  /** The workflow id the API stored; null when Temporal was unreachable at scheduling time. */
  workflowId: string | null;
  channel: { id: string; name: string; provider: ProviderId; disabled: boolean; refreshNeeded: boolean; deleted: boolean };
}

/** Posts waiting to be published (QUEUE or PUBLISHING), counted per provider. */
export interface WaitingCount {
  provider: ProviderId;
  count: number;
}

/** A channel with something to say about its login (see channelWarning in @herald/domain). */
export interface ChannelLogin {
  id: string;
  organizationId: string;
  organizationName: string;
  name: string;
  provider: ProviderId;
  disabled: boolean;
  refreshNeeded: boolean;
  tokenExpiresAt: Date | null;
}

/** One row of Prisma's `_prisma_migrations` table. */
export interface AppliedMigration {
  name: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
}

// SQLSTATE undefined_table: the database was never migrated.
const PG_UNDEFINED_TABLE = '42P01';

/**
 * Read-only queries for the operator's tools (the doctor, readiness). Unlike every other
 * repository these look across organizations on purpose: an operator diagnoses the whole
 * installation, and nothing here is ever shown to a tenant.
 */
export class OperationsRepository {
  constructor(private readonly db: Db) {}

  /**
   * QUEUE posts due before `dueBefore`, earliest first, at most `limit`; and how many there are in
   * all. Thread items are left out: they wait on their root post's workflow, not a timer of their own.
   */
  async listOverduePosts(dueBefore: Date, limit: number): Promise<{ total: number; posts: OverduePost[] }> {
    const where = { deletedAt: null, parentPostId: null, state: 'QUEUE' as const, publishAt: { lt: dueBefore } };
    const [total, rows] = await Promise.all([
      this.db.post.count({ where }),
      this.db.post.findMany({
        where,
        orderBy: [{ publishAt: 'asc' }, { id: 'asc' }],
        take: limit,
        select: {
          id: true,
          organizationId: true,
          publishAt: true,
          workflowId: true,
          integration: { select: { id: true, name: true, provider: true, disabled: true, refreshNeeded: true, deletedAt: true } },
        },
      }),
    ]);
    const posts = rows.flatMap(({ integration: i, ...post }) =>
      isProviderId(i.provider)
        ? [{ ...post, channel: { id: i.id, name: i.name, provider: i.provider, disabled: i.disabled, refreshNeeded: i.refreshNeeded, deleted: i.deletedAt !== null } }]
        : [],
    );
    return { total, posts };
  }

  /** Undeleted posts in QUEUE or PUBLISHING per provider: the work each task queue has ahead. */
  async countWaitingByProvider(): Promise<WaitingCount[]> {
    const rows = await this.db.$queryRaw<Array<{ provider: string; count: bigint }>>`
      SELECT i.provider, count(*) AS count
        FROM posts p JOIN integrations i ON i.id = p."integrationId"
       WHERE p."deletedAt" IS NULL AND p."parentPostId" IS NULL AND p.state IN ('QUEUE', 'PUBLISHING')
    GROUP BY i.provider`;
    return rows.flatMap((r) => (isProviderId(r.provider) ? [{ provider: r.provider, count: Number(r.count) }] : []));
  }

  /** Undeleted channels that must be reconnected, or whose login ends before `expiringBefore`. */
  async listChannelLogins(expiringBefore: Date): Promise<ChannelLogin[]> {
    const rows = await this.db.integration.findMany({
      where: {
        deletedAt: null,
        OR: [{ refreshNeeded: true }, { tokenExpiresAt: { lt: expiringBefore } }],
      },
      orderBy: [{ tokenExpiresAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        organizationId: true,
        name: true,
        provider: true,
        disabled: true,
        refreshNeeded: true,
        tokenExpiresAt: true,
        organization: { select: { name: true } },
      },
    });
    return rows.flatMap(({ organization, provider, ...row }) =>
      isProviderId(provider) ? [{ ...row, provider, organizationName: organization.name }] : [],
    );
  }

  /** The migrations recorded in the database; null when the table does not exist (never migrated). */
  async listAppliedMigrations(): Promise<AppliedMigration[] | null> {
    try {
      const rows = await this.db.$queryRaw<
        Array<{ migration_name: string; started_at: Date; finished_at: Date | null; rolled_back_at: Date | null }>
      >`SELECT migration_name, started_at, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at`;
      return rows.map((r) => ({ name: r.migration_name, startedAt: r.started_at, finishedAt: r.finished_at, rolledBackAt: r.rolled_back_at }));
    } catch (error) {
      if (isUndefinedTable(error)) return null;
      throw error;
    }
  }
}

function isUndefinedTable(error: unknown): boolean {
  const text = JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})) ?? '';
  return text.includes(PG_UNDEFINED_TABLE) || /relation "_prisma_migrations" does not exist/.test(text);
}
