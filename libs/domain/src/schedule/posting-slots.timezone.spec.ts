import { nextFreeSlot, parsePostingTimes, type PostingSlots } from './posting-slots.util';

// Expected instants are worked out by hand: London GMT +00:00 / BST +01:00, New York EST -05:00 /
// EDT -04:00, Chatham +12:45 / +13:45, Kolkata +05:30.
const slots = (times: string[], timeZone: string): PostingSlots => ({ times, timeZone });
const next = (s: PostingSlots, after: string, taken: string[] = [], horizonDays?: number): string | null =>
  nextFreeSlot(s, new Date(after), taken.map((t) => new Date(t)), horizonDays)?.toISOString() ?? null;

describe(parsePostingTimes.name, () => {
  it('should sort the times and drop repeats', () => {
    expect(parsePostingTimes(['17:30', '09:00', '17:30', '00:00'])).toEqual({ ok: true, value: ['00:00', '09:00', '17:30'] });
  });

  it('should accept an empty list, meaning no slots', () => {
    expect(parsePostingTimes([])).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['a time without a leading zero', ['09:00', '9:30'], 'times[1]'],
    ['24:00', ['24:00'], 'times[0]'],
    ['minute 60', ['10:00', '11:00', '12:60'], 'times[2]'],
    ['seconds', ['09:00:00'], 'times[0]'],
    ['a number', [900], 'times[0]'],
    ['text instead of a list', '09:00', 'times'],
    ['more than 100 times', Array.from({ length: 101 }, () => '09:00'), 'times'],
  ])('should reject %s, naming the field', (_label, input, field) => {
    expect(parsePostingTimes(input)).toMatchObject({ ok: false, field, reason: expect.stringMatching(/^must /) });
  });

  it('should say what a time must look like', () => {
    expect(parsePostingTimes(['9:30'])).toEqual({
      ok: false,
      field: 'times[0]',
      reason: 'must be a 24-hour time "HH:mm" from 00:00 to 23:59, e.g. "09:30"',
    });
  });
});

describe(nextFreeSlot.name, () => {
  const london = slots(['09:00', '17:00'], 'Europe/London');

  it('should take the next slot of the day in Europe/London summer time', () => {
    expect(next(london, '2026-05-04T10:00:00Z')).toBe('2026-05-04T16:00:00.000Z');
  });

  it('should skip taken slots, matching them to the minute', () => {
    expect(next(london, '2026-05-04T10:00:00Z', ['2026-05-04T16:00:45Z'])).toBe('2026-05-05T08:00:00.000Z');
    expect(next(london, '2026-05-04T10:00:00Z', ['2026-05-04T16:01:00Z', '2026-05-04T15:59:59Z'])).toBe('2026-05-04T16:00:00.000Z');
  });

  it('should be strictly after: a slot at `after` itself is not free', () => {
    expect(next(london, '2026-05-04T16:00:00Z')).toBe('2026-05-05T08:00:00.000Z');
  });

  it('should keep 09:00 Europe/London across the March change', () => {
    expect(next(london, '2026-03-28T12:00:00Z', ['2026-03-28T17:00:00Z'])).toBe('2026-03-29T08:00:00.000Z');
  });

  it('should keep 09:00 Europe/London across the October change', () => {
    expect(next(london, '2026-10-24T12:00:00Z', ['2026-10-24T16:00:00Z'])).toBe('2026-10-25T09:00:00.000Z');
  });

  it('should order slots by instant when the March gap moves one past another (Europe/London 2026-03-29)', () => {
    // 01:30 does not exist and moves to 02:30 BST (01:30Z), after the 02:15 BST slot (01:15Z).
    const night = slots(['01:30', '02:15'], 'Europe/London');
    expect(next(night, '2026-03-29T00:00:00Z')).toBe('2026-03-29T01:15:00.000Z');
    expect(next(night, '2026-03-29T00:00:00Z', ['2026-03-29T01:15:00Z'])).toBe('2026-03-29T01:30:00.000Z');
  });

  it('should move a 02:30 America/New_York slot to 03:30 EDT on 2026-03-08', () => {
    expect(next(slots(['02:30'], 'America/New_York'), '2026-03-07T12:00:00Z')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('should offer 01:30 America/New_York once on 2026-11-01, at the earlier one', () => {
    const night = slots(['01:30'], 'America/New_York');
    expect(next(night, '2026-10-31T12:00:00Z')).toBe('2026-11-01T05:30:00.000Z');
    expect(next(night, '2026-10-31T12:00:00Z', ['2026-11-01T05:30:00Z'])).toBe('2026-11-02T06:30:00.000Z');
  });

  it('should keep 09:00 Pacific/Chatham across the September change', () => {
    const chatham = slots(['09:00'], 'Pacific/Chatham');
    expect(next(chatham, '2026-09-25T20:15:00Z')).toBe('2026-09-26T19:15:00.000Z');
  });

  it('should cross midnight in Asia/Kolkata to the first slot of the next local day', () => {
    const kolkata = slots(['00:15', '23:30'], 'Asia/Kolkata');
    expect(next(kolkata, '2026-06-01T17:59:00Z')).toBe('2026-06-01T18:00:00.000Z'); // 23:30 IST
    expect(next(kolkata, '2026-06-01T17:59:00Z', ['2026-06-01T18:00:00Z'])).toBe('2026-06-01T18:45:00.000Z'); // 00:15 IST on 06-02
  });

  it('should use the local date, not the UTC one, in Pacific/Chatham', () => {
    // 2026-06-01T20:00Z is 08:45 on 06-02 in Chatham (+12:45): 08:00 that day has passed.
    expect(next(slots(['08:00'], 'Pacific/Chatham'), '2026-06-01T20:00:00Z')).toBe('2026-06-02T19:15:00.000Z');
  });

  it('should give null when every slot within the horizon is taken, counting the horizon in 24-hour days', () => {
    const daily = slots(['09:00'], 'UTC');
    const taken = ['2026-05-02T09:00:00Z', '2026-05-03T09:00:00Z', '2026-05-04T09:00:00Z'];
    expect(next(daily, '2026-05-01T09:00:00Z', taken, 3)).toBeNull();
    expect(next(daily, '2026-05-01T09:00:00Z', taken, 4)).toBe('2026-05-05T09:00:00.000Z');
    expect(next(daily, '2026-05-01T09:00:00Z', [], 1)).toBe('2026-05-02T09:00:00.000Z'); // exactly at the horizon
  });

  it('should look 366 days ahead by default', () => {
    const daily = slots(['09:00'], 'UTC');
    const taken = Array.from({ length: 366 }, (_, i) => new Date(Date.parse('2026-01-02T09:00:00Z') + i * 86_400_000).toISOString());
    expect(next(daily, '2026-01-01T09:00:00Z', taken)).toBeNull();
    expect(next(daily, '2026-01-01T09:00:00Z', taken.slice(0, 365))).toBe('2027-01-02T09:00:00.000Z');
  });

  it('should give null without slots or without a horizon', () => {
    expect(next(slots([], 'UTC'), '2026-05-01T00:00:00Z')).toBeNull();
    expect(next(slots(['09:00'], 'UTC'), '2026-05-01T00:00:00Z', [], 0)).toBeNull();
    expect(next(slots(['09:00'], 'UTC'), '2026-05-01T00:00:00Z', [], Number.NaN)).toBeNull();
  });
});
