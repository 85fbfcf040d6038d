import { Injectable } from '@nestjs/common';
import { type CustomerRecord, CustomerRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { parseBody } from '../posts/dto/parse-body.util';
import { createGroupSchema } from './dto/integration-bodies.schema';

/** Postiz's customers, which its public API calls groups: channels grouped per client. */
@Injectable()
export class CustomersService {
  constructor(private readonly customers: CustomerRepository) {}

  /** GET /groups */
  list(organizationId: string): Promise<CustomerRecord[]> {
    return this.customers.list(organizationId);
  }

  /** POST /groups (Herald: Postiz's public API cannot create them). Names are unique per organization, ignoring case. */
  async create(organizationId: string, rawBody: unknown): Promise<CustomerRecord> {
    const { name } = parseBody(createGroupSchema, rawBody);
    const result = await this.customers.create(organizationId, name);
    if (result.kind === 'name-taken') {
      throw new AppError('CONFLICT', `name "${name}" is taken: group ${result.existing.id} is called "${result.existing.name}"`, { field: 'name' });
    }
    return result.customer;
  }
}
