import type { Db } from '../prisma.client';

/** Postiz's "customer" (its public API says "group"): channels grouped per client. */
export interface CustomerRecord {
  id: string;
  name: string;
}

export type CustomerCreation = { kind: 'created'; customer: CustomerRecord } | { kind: 'name-taken'; existing: CustomerRecord };

const SELECT = { id: true, name: true } as const;

/** Customers. Every read takes the organization first; deleted customers are invisible. */
export class CustomerRepository {
  constructor(private readonly db: Db) {}

  list(organizationId: string): Promise<CustomerRecord[]> {
    return this.db.customer.findMany({
      where: { organizationId, deletedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: SELECT,
    });
  }

  findForOrganization(organizationId: string, id: string): Promise<CustomerRecord | null> {
    return this.db.customer.findFirst({ where: { id, organizationId, deletedAt: null }, select: SELECT });
  }

  /**
   * Creates a customer unless an undeleted one of the organization has the same name, ignoring
   * case. The schema has no unique index for that (deleted customers keep their names), so the
   * check and the insert run under a lock per organization: two requests for one name cannot
   * both see it free.
   */
  create(organizationId: string, name: string): Promise<CustomerCreation> {
    return this.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`herald:customers:${organizationId}`}))`;
      const existing = await tx.customer.findFirst({
        where: { organizationId, deletedAt: null, name: { equals: name, mode: 'insensitive' } },
        select: SELECT,
      });
      if (existing) return { kind: 'name-taken', existing };
      return { kind: 'created', customer: await tx.customer.create({ data: { organizationId, name }, select: SELECT }) };
    });
  }
}
