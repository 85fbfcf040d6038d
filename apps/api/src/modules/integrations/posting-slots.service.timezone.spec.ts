import type { IntegrationDetails, IntegrationDetailsRepository, PostingSlotRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { PostingSlotsService } from './posting-slots.service';

// Pacific/Chatham is +13:45 in December (daylight saving): 09:00 there is 19:15Z the day before.
const NOW = new Date('2026-12-03T10:00:00.000Z');

function setup(channel: Partial<IntegrationDetails> | null, taken: string[] = []) {
  const details = { find: jest.fn().mockResolvedValue(channel && { postingTimes: ['09:00', '17:00'], slotTimeZone: 'UTC', ...channel }) };
  const slots = { takenTimes: jest.fn().mockResolvedValue(taken.map((t) => new Date(t))) };
  const service = new PostingSlotsService(
    details as unknown as IntegrationDetailsRepository,
    slots as unknown as PostingSlotRepository,
    () => NOW,
  );
  return { service, slots };
}

describe(PostingSlotsService.name, () => {
  it('should answer the next 09:00 Pacific/Chatham in UTC, without an offset and with one', async () => {
    const { service } = setup({ slotTimeZone: 'Pacific/Chatham' });

    expect(await service.findSlot('org-1', 'int-1')).toEqual({ date: '2026-12-03T19:15:00', dateIso: '2026-12-03T19:15:00.000Z' });
  });

  it('should skip a slot a post takes, to the minute', async () => {
    const { service } = setup({ slotTimeZone: 'Pacific/Chatham' }, ['2026-12-03T19:15:30.000Z']);

    // 17:00 +13:45 on 2026-12-04 is 03:15Z that day.
    expect(await service.findSlot('org-1', 'int-1')).toEqual({ date: '2026-12-04T03:15:00', dateIso: '2026-12-04T03:15:00.000Z' });
  });

  it('should read the taken times of the channel from now to a year ahead', async () => {
    const { service, slots } = setup({});

    await service.nextFreeSlot('org-1', 'int-1', NOW);

    const [organizationId, integrationId, range] = slots.takenTimes.mock.calls[0] as [string, string, { after: Date; before: Date }];
    expect([organizationId, integrationId, range.after]).toEqual(['org-1', 'int-1', NOW]);
    expect(range.before.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(366 * 86_400_000);
  });

  it('should answer nulls for a channel without time slots, without reading its posts', async () => {
    const { service, slots } = setup({ postingTimes: [] });

    expect(await service.findSlot('org-1', 'int-1')).toEqual({ date: null, dateIso: null });
    expect(slots.takenTimes).not.toHaveBeenCalled();
  });

  it('should answer nulls when every slot of the year is taken', async () => {
    const year = Array.from({ length: 370 }, (_, day) => new Date(Date.UTC(2026, 11, 3 + day, 9)).toISOString());
    const { service } = setup({ postingTimes: ['09:00'] }, year);

    expect(await service.findSlot('org-1', 'int-1')).toEqual({ date: null, dateIso: null });
  });

  it("should answer 404 for a channel that is not the organization's", async () => {
    const error: unknown = await setup(null).service.findSlot('org-1', 'int-x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
