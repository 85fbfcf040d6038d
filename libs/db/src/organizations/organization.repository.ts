import type { Db } from '../prisma.client';

export interface OrganizationRecord {
  id: string;
  name: string;
  timeZone: string;
}

const SELECT = { id: true, name: true, timeZone: true } as const;

export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  create(data: { name: string; timeZone?: string }): Promise<OrganizationRecord> {
    return this.db.organization.create({ data, select: SELECT });
  }

  findById(id: string): Promise<OrganizationRecord | null> {
    return this.db.organization.findUnique({ where: { id }, select: SELECT });
  }

  findByName(name: string): Promise<OrganizationRecord | null> {
    return this.db.organization.findFirst({ where: { name }, orderBy: { createdAt: 'asc' }, select: SELECT });
  }
}
