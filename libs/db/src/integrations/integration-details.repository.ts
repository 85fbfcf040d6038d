import { parsePostingTimes } from '@herald/domain';
import type { Db } from '../prisma.client';
import type { CustomerRecord } from './customer.repository';
import { INTEGRATION_SELECT, type IntegrationRecord, toIntegrationRecord } from './integration.repository';

/** A channel with what its settings endpoints show: its customer and its posting time slots. */
export interface IntegrationDetails extends IntegrationRecord {
  /** Wall-clock 'HH:mm', sorted. */
  postingTimes: string[];
  /** The zone the posting times are read in: the channel's own, else its organization's. */
  slotTimeZone: string;
  customer: CustomerRecord | null;
}

const DETAILS_SELECT = {
  ...INTEGRATION_SELECT,
  postingTimes: true,
  organization: { select: { timeZone: true } },
  customer: { select: { id: true, name: true, deletedAt: true } },
} as const;

type DetailsRow = Parameters<typeof toIntegrationRecord>[0] & {
  postingTimes: unknown;
  organization: { timeZone: string };
  customer: { id: string; name: string; deletedAt: Date | null } | null;
};

function toDetails({ postingTimes, organization, customer, ...row }: DetailsRow): IntegrationDetails {
  // Written only through parsePostingTimes; a hand-edited row that does not parse has no slots.
  const times = parsePostingTimes(postingTimes);
  return {
    ...toIntegrationRecord(row),
    postingTimes: times.ok ? times.value : [],
    slotTimeZone: row.timeZone ?? organization.timeZone,
    customer: customer && !customer.deletedAt ? { id: customer.id, name: customer.name } : null,
  };
}

/** Channels with their customer and time slots; reads and writes take the organization first. */
export class IntegrationDetailsRepository {
  constructor(private readonly db: Db) {}

  /** Undeleted channels, oldest first; with `customerId`, only that customer's. */
  async list(organizationId: string, filter: { customerId?: string } = {}): Promise<IntegrationDetails[]> {
    const rows = await this.db.integration.findMany({
      where: {
        organizationId,
        deletedAt: null,
        ...(filter.customerId !== undefined && { customerId: filter.customerId, customer: { deletedAt: null } }),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: DETAILS_SELECT,
    });
    return rows.map(toDetails);
  }

  async find(organizationId: string, id: string): Promise<IntegrationDetails | null> {
    const row = await this.db.integration.findFirst({ where: { id, organizationId, deletedAt: null }, select: DETAILS_SELECT });
    return row ? toDetails(row) : null;
  }

  /** Puts the channel in a customer (the caller checked it is the organization's), or in none. Null when no such channel. */
  async setCustomer(organizationId: string, id: string, customerId: string | null): Promise<IntegrationDetails | null> {
    const { count } = await this.db.integration.updateMany({ where: { id, organizationId, deletedAt: null }, data: { customerId } });
    return count === 0 ? null : this.find(organizationId, id);
  }

  /**
   * Replaces the channel's posting times (validated 'HH:mm'); `timeZone` null goes back to the
   * organization's zone, undefined keeps the channel's. Null when no such channel.
   */
  async setPostingTimes(
    organizationId: string,
    id: string,
    slots: { times: readonly string[]; timeZone?: string | null },
  ): Promise<IntegrationDetails | null> {
    const { count } = await this.db.integration.updateMany({
      where: { id, organizationId, deletedAt: null },
      data: { postingTimes: [...slots.times], ...(slots.timeZone !== undefined && { timeZone: slots.timeZone }) },
    });
    return count === 0 ? null : this.find(organizationId, id);
  }
}
