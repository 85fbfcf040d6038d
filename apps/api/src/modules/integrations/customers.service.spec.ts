import type { CustomerRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { CustomersService } from './customers.service';

function setup(taken?: { id: string; name: string }) {
  const customers = {
    create: jest.fn().mockImplementation((_org: string, name: string) =>
      Promise.resolve(taken ? { kind: 'name-taken', existing: taken } : { kind: 'created', customer: { id: 'cust-new', name } }),
    ),
  };
  return { service: new CustomersService(customers as unknown as CustomerRepository), customers };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe(CustomersService.name, () => {
  it('should create a group with its name trimmed, answering {id, name}', async () => {
    const { service, customers } = setup();

    const created = await service.create('org-1', { name: '  Acme Corp ' });

    expect(created).toEqual({ id: 'cust-new', name: 'Acme Corp' });
    expect(customers.create).toHaveBeenCalledWith('org-1', 'Acme Corp');
  });

  it('should answer 409 naming name when an undeleted group has it, saying which', async () => {
    const error = await errorOf(setup({ id: 'cust-1', name: 'ACME corp' }).service.create('org-1', { name: 'Acme Corp' }));

    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, extra: { field: 'name' } });
    expect(error.message).toMatch(/cust-1/);
  });

  it.each([
    ['no name', {}],
    ['a blank name', { name: '   ' }],
    ['a name that is not text', { name: 42 }],
    ['a name over 100 characters', { name: 'x'.repeat(101) }],
  ])('should refuse %s with a 400 naming name, and create nothing', async (_label, body) => {
    const { service, customers } = setup();

    const error = await errorOf(service.create('org-1', body));

    expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'name' } });
    expect(customers.create).not.toHaveBeenCalled();
  });
});
