import type { CustomerRepository, IntegrationDetails, IntegrationDetailsRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { IntegrationsService } from './integrations.service';

const NOW = new Date('2026-12-03T10:00:00.000Z');

function channel(overrides: Partial<IntegrationDetails> = {}): IntegrationDetails {
  return {
    id: 'int-1',
    organizationId: 'org-1',
    provider: 'instagram',
    internalId: 'ig-1',
    name: 'Herald IG',
    picture: null,
    profile: 'herald.ig',
    disabled: false,
    refreshNeeded: false,
    timeZone: null,
    tokenExpiresAt: null,
    postingTimes: ['09:00', '12:00', '17:00'],
    slotTimeZone: 'UTC',
    customer: null,
    ...overrides,
  };
}

function setup(stored: IntegrationDetails | null = channel()) {
  const details = {
    list: jest.fn().mockResolvedValue(stored ? [stored] : []),
    find: jest.fn().mockResolvedValue(stored),
    setCustomer: jest.fn().mockImplementation((_o: string, _i: string, customerId: string | null) =>
      Promise.resolve(stored && { ...stored, customer: customerId ? { id: customerId, name: 'Acme' } : null }),
    ),
    setPostingTimes: jest.fn().mockImplementation((_o: string, _i: string, slots: { times: string[]; timeZone?: string | null }) =>
      Promise.resolve(stored && { ...stored, postingTimes: slots.times, slotTimeZone: slots.timeZone ?? 'UTC' }),
    ),
  };
  const customers = { findForOrganization: jest.fn().mockImplementation((_o: string, id: string) => Promise.resolve(id === 'cust-1' ? { id, name: 'Acme' } : null)) };
  const service = new IntegrationsService(details as unknown as IntegrationDetailsRepository, customers as unknown as CustomerRepository, () => NOW);
  return { service, details, customers };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe(IntegrationsService.name, () => {
  describe('list', () => {
    it('should answer Postiz fields, a customer only when there is one, and the slots in their zone', async () => {
      const { service } = setup(channel({ customer: { id: 'cust-1', name: 'Acme' }, slotTimeZone: 'Pacific/Chatham' }));

      const [item] = await service.list('org-1', {});

      expect(item).toEqual({
        id: 'int-1', name: 'Herald IG', identifier: 'instagram', picture: null, disabled: false, profile: 'herald.ig',
        customer: { id: 'cust-1', name: 'Acme' },
        refreshNeeded: false, tokenExpiresAt: null, warning: null,
        postingTimes: ['09:00', '12:00', '17:00'], timeZone: 'Pacific/Chatham',
      });
    });

    it('should leave customer out for a channel without one, as Postiz does', async () => {
      const [item] = await setup().service.list('org-1', {});

      expect(item).not.toHaveProperty('customer');
    });

    it('should filter by ?group, and treat an empty group as no filter', async () => {
      const { service, details } = setup();

      await service.list('org-1', { group: 'cust-1' });
      await service.list('org-1', { group: '' });

      expect(details.list.mock.calls).toEqual([['org-1', { customerId: 'cust-1' }], ['org-1', {}]]);
    });

    it('should refuse ?group given twice, naming group', async () => {
      const error = await errorOf(setup().service.list('org-1', { group: ['a', 'b'] }));

      expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'group' } });
    });
  });

  describe('setTimeSlots', () => {
    it('should store the sorted times and the zone, and answer the channel', async () => {
      const { service, details } = setup();

      const view = await service.setTimeSlots('org-1', 'int-1', { times: ['17:30', '08:15'], timeZone: 'Pacific/Chatham' });

      expect(details.setPostingTimes).toHaveBeenCalledWith('org-1', 'int-1', { times: ['08:15', '17:30'], timeZone: 'Pacific/Chatham' });
      expect(view).toMatchObject({ postingTimes: ['08:15', '17:30'], timeZone: 'Pacific/Chatham' });
    });

    it('should keep the zone when none is sent, and clear it with null', async () => {
      const { service, details } = setup();

      await service.setTimeSlots('org-1', 'int-1', { times: ['09:00'] });
      await service.setTimeSlots('org-1', 'int-1', { times: ['09:00'], timeZone: null });

      expect(details.setPostingTimes.mock.calls.map((c: unknown[]) => c[2])).toEqual([
        { times: ['09:00'], timeZone: undefined },
        { times: ['09:00'], timeZone: null },
      ]);
    });

    it.each([
      ['a time that is not HH:mm', 'times[1]', { times: ['09:00', '9:30'] }],
      ['times missing', 'times', {}],
      ['an unknown zone', 'timeZone', { times: ['09:00'], timeZone: 'Mars/Olympus' }],
      ['a zone that is not text', 'timeZone', { times: ['09:00'], timeZone: 3 }],
      ['an unknown key', 'slots', { times: ['09:00'], slots: [] }],
    ])('should refuse %s with a 400 naming %s, and store nothing', async (_label, field, body) => {
      const { service, details } = setup();

      const error = await errorOf(service.setTimeSlots('org-1', 'int-1', body));

      expect(error).toMatchObject({ code: 'VALIDATION', status: 400, extra: { field } });
      expect(error.message.startsWith(`${field} `)).toBe(true);
      expect(details.setPostingTimes).not.toHaveBeenCalled();
    });

    it("should answer 404 for a channel that is not the organization's", async () => {
      const error = await errorOf(setup(null).service.setTimeSlots('org-1', 'int-x', { times: ['09:00'] }));

      expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });
  });

  describe('setGroup', () => {
    it('should put the channel in a customer of the organization, and take it out with null', async () => {
      const { service, details } = setup();

      const joined = await service.setGroup('org-1', 'int-1', { group: 'cust-1' });
      const left = await service.setGroup('org-1', 'int-1', { group: null });

      expect(joined.customer).toEqual({ id: 'cust-1', name: 'Acme' });
      expect(left).not.toHaveProperty('customer');
      expect(details.setCustomer.mock.calls).toEqual([['org-1', 'int-1', 'cust-1'], ['org-1', 'int-1', null]]);
    });

    it.each([
      ["another organization's or an unknown customer", { group: 'cust-other' }],
      ['no group key', {}],
      ['an empty group', { group: '' }],
    ])('should refuse %s with a 400 naming group, and change nothing', async (_label, body) => {
      const { service, details } = setup();

      const error = await errorOf(service.setGroup('org-1', 'int-1', body));

      expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'group' } });
      expect(details.setCustomer).not.toHaveBeenCalled();
    });

    it("should answer 404 for another organization's channel before looking at the customer", async () => {
      const { service, customers } = setup(null);

      const error = await errorOf(service.setGroup('org-1', 'int-x', { group: 'cust-1' }));

      expect(error.code).toBe('NOT_FOUND');
      expect(customers.findForOrganization).not.toHaveBeenCalled();
    });
  });
});
