import { type RepeatRule } from './repeat-rule';
import { occurrenceAfter, occurrencesBetween } from './repeat-occurrences.util';

// Expected instants are worked out by hand from the zones' offsets: London GMT +00:00 / BST
// +01:00, New York EST -05:00 / EDT -04:00, Chatham +12:45 / +13:45, Lord Howe +10:30 / +11:00,
// Kolkata +05:30.
const rule = (fields: Partial<RepeatRule>): RepeatRule => ({
  frequency: 'daily',
  interval: 1,
  time: '09:00',
  timeZone: 'Europe/London',
  startsOn: '2026-03-27',
  ...fields,
});
const between = (r: RepeatRule, from: string, to: string, limit?: number): string[] =>
  occurrencesBetween(r, new Date(from), new Date(to), limit).map((d) => d.toISOString());
const after = (r: RepeatRule, instant: string): string | undefined => occurrenceAfter(r, new Date(instant))?.toISOString();

describe(occurrenceAfter.name, () => {
  it('should keep 09:00 Europe/London across the March change (23 hours after the day before)', () => {
    expect(after(rule({}), '2026-03-28T09:00:00Z')).toBe('2026-03-29T08:00:00.000Z');
    expect(after(rule({}), '2026-03-29T08:00:00Z')).toBe('2026-03-30T08:00:00.000Z');
  });

  it('should keep 09:00 Europe/London across the October change (25 hours after the day before)', () => {
    expect(after(rule({ startsOn: '2026-10-01' }), '2026-10-24T08:00:00Z')).toBe('2026-10-25T09:00:00.000Z');
  });

  it('should be strictly after: an occurrence at `after` itself is not returned', () => {
    expect(after(rule({}), '2026-03-27T09:00:00Z')).toBe('2026-03-28T09:00:00.000Z');
    expect(after(rule({}), '2026-03-27T08:59:59.999Z')).toBe('2026-03-27T09:00:00.000Z');
  });

  it('should start at the anchor date when asked from long before it', () => {
    expect(after(rule({ interval: 3 }), '2020-01-01T00:00:00Z')).toBe('2026-03-27T09:00:00.000Z');
  });

  it('should give the last occurrence at until itself and null after it', () => {
    const ending = rule({ until: '2026-03-29T08:00:00.000Z' });
    expect(after(ending, '2026-03-28T09:00:00Z')).toBe('2026-03-29T08:00:00.000Z');
    expect(after(ending, '2026-03-29T08:00:00Z')).toBeUndefined();
    expect(occurrenceAfter(rule({ until: '2026-03-29T07:59:59.000Z' }), new Date('2026-03-28T09:00:00Z'))).toBeNull();
  });

  it('should skip the weeks between a two-weekly rule, counting weeks from the anchor week', () => {
    // Anchor Thu 2026-03-19: its week starts Mon 03-16; the next chosen week starts Mon 03-30.
    const fortnightly = rule({ frequency: 'weekly', interval: 2, weekdays: [1, 4], startsOn: '2026-03-19' });
    expect(after(fortnightly, '2026-03-19T09:00:00Z')).toBe('2026-03-30T08:00:00.000Z');
    expect(after(fortnightly, '2026-03-31T00:00:00Z')).toBe('2026-04-02T08:00:00.000Z');
    expect(after(fortnightly, '2026-04-02T08:00:00Z')).toBe('2026-04-13T08:00:00.000Z');
  });

  it('should refuse a stored rule that would never end its search', () => {
    expect(() => occurrenceAfter(rule({ interval: 0 }), new Date('2026-03-27T00:00:00Z'))).toThrow(RangeError);
    expect(() => occurrenceAfter(rule({ frequency: 'weekly', weekdays: [] }), new Date('2026-03-27T00:00:00Z'))).toThrow(RangeError);
    expect(() => occurrenceAfter(rule({ frequency: 'weekly', weekdays: [5, 8 as 1] }), new Date('2026-03-27T00:00:00Z'))).toThrow(RangeError);
    expect(() => occurrenceAfter(rule({ until: 'soon' }), new Date('2026-03-27T00:00:00Z'))).toThrow(RangeError);
  });
});

describe(occurrencesBetween.name, () => {
  it('should give every 09:00 Europe/London across the March change, no day skipped or doubled', () => {
    expect(between(rule({}), '2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual([
      '2026-03-27T09:00:00.000Z',
      '2026-03-28T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
    ]);
  });

  it('should move 01:30 Europe/London to 02:30 BST on the March change day and keep 01:30 after', () => {
    expect(between(rule({ time: '01:30', startsOn: '2026-03-28' }), '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z', // 02:30 BST: 01:30 does not exist that night
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('should publish 01:30 Europe/London once, at the earlier one, on the October change day', () => {
    expect(between(rule({ time: '01:30', startsOn: '2026-10-24' }), '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // 01:30 BST; 01:30 GMT (01:30Z) is not a second occurrence
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('should keep every third day at 12:00 America/New_York across both changes', () => {
    const everyThird = rule({ interval: 3, time: '12:00', timeZone: 'America/New_York', startsOn: '2026-03-02' });
    expect(between(everyThird, '2026-03-01T00:00:00Z', '2026-03-12T00:00:00Z')).toEqual([
      '2026-03-02T17:00:00.000Z',
      '2026-03-05T17:00:00.000Z',
      '2026-03-08T16:00:00.000Z',
      '2026-03-11T16:00:00.000Z',
    ]);
    expect(between({ ...everyThird, startsOn: '2026-10-27' }, '2026-10-27T00:00:00Z', '2026-11-06T00:00:00Z')).toEqual([
      '2026-10-27T16:00:00.000Z',
      '2026-10-30T16:00:00.000Z',
      '2026-11-02T17:00:00.000Z',
      '2026-11-05T17:00:00.000Z',
    ]);
  });

  it('should move 02:30 America/New_York to 03:30 EDT on 2026-03-08 and take 01:30 EDT on 2026-11-01', () => {
    const gap = rule({ time: '02:30', timeZone: 'America/New_York', startsOn: '2026-03-06' });
    expect(between(gap, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-06T07:30:00.000Z',
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
    const overlap = rule({ time: '01:30', timeZone: 'America/New_York', startsOn: '2026-10-31' });
    expect(between(overlap, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('should keep 09:00 Pacific/Chatham across the April and September changes', () => {
    const chatham = rule({ timeZone: 'Pacific/Chatham', startsOn: '2026-04-04' });
    expect(between(chatham, '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([
      '2026-04-03T19:15:00.000Z',
      '2026-04-04T20:15:00.000Z',
      '2026-04-05T20:15:00.000Z',
    ]);
    expect(between(chatham, '2026-09-25T00:00:00Z', '2026-09-28T00:00:00Z')).toEqual([
      '2026-09-25T20:15:00.000Z',
      '2026-09-26T19:15:00.000Z',
      '2026-09-27T19:15:00.000Z',
    ]);
  });

  it('should move 03:00 Pacific/Chatham, inside the 02:45-03:45 gap, to 04:00 on 2026-09-27', () => {
    const gap = rule({ time: '03:00', timeZone: 'Pacific/Chatham', startsOn: '2026-09-26' });
    expect(between(gap, '2026-09-25T00:00:00Z', '2026-09-28T00:00:00Z')).toEqual([
      '2026-09-25T14:15:00.000Z',
      '2026-09-26T14:15:00.000Z',
      '2026-09-27T13:15:00.000Z',
    ]);
  });

  it('should shift by 30 minutes across the Australia/Lord_Howe changes', () => {
    const gap = rule({ time: '02:15', timeZone: 'Australia/Lord_Howe', startsOn: '2026-10-03' });
    expect(between(gap, '2026-10-02T00:00:00Z', '2026-10-05T00:00:00Z')).toEqual([
      '2026-10-02T15:45:00.000Z',
      '2026-10-03T15:45:00.000Z', // 02:45 +11:00: 02:15 does not exist that night
      '2026-10-04T15:15:00.000Z',
    ]);
    const april = rule({ timeZone: 'Australia/Lord_Howe', startsOn: '2026-04-04' });
    expect(between(april, '2026-04-03T00:00:00Z', '2026-04-05T00:00:00Z')).toEqual(['2026-04-03T22:00:00.000Z', '2026-04-04T22:30:00.000Z']);
  });

  it('should repeat weekly on Monday, Wednesday and Friday at 10:00 Asia/Kolkata', () => {
    const mwf = rule({ frequency: 'weekly', weekdays: [1, 3, 5], time: '10:00', timeZone: 'Asia/Kolkata', startsOn: '2026-03-04' });
    expect(between(mwf, '2026-03-01T00:00:00Z', '2026-03-14T00:00:00Z')).toEqual([
      '2026-03-04T04:30:00.000Z',
      '2026-03-06T04:30:00.000Z',
      '2026-03-09T04:30:00.000Z',
      '2026-03-11T04:30:00.000Z',
      '2026-03-13T04:30:00.000Z',
    ]);
  });

  it('should repeat weekly on Tuesday, Saturday and Sunday at 18:30 America/New_York across the November change', () => {
    const weekly = rule({ frequency: 'weekly', weekdays: [2, 6, 7], time: '18:30', timeZone: 'America/New_York', startsOn: '2026-10-31' });
    expect(between(weekly, '2026-10-01T00:00:00Z', '2026-11-09T00:00:00Z')).toEqual([
      '2026-10-31T22:30:00.000Z',
      '2026-11-01T23:30:00.000Z',
      '2026-11-03T23:30:00.000Z',
      '2026-11-07T23:30:00.000Z',
      '2026-11-08T23:30:00.000Z',
    ]);
  });

  it('should repeat every other week on Monday and Thursday from a Thursday anchor, in Europe/London', () => {
    const fortnightly = rule({ frequency: 'weekly', interval: 2, weekdays: [1, 4], startsOn: '2026-03-19' });
    expect(between(fortnightly, '2026-03-01T00:00:00Z', '2026-04-20T00:00:00Z')).toEqual([
      '2026-03-19T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-04-02T08:00:00.000Z',
      '2026-04-13T08:00:00.000Z',
      '2026-04-16T08:00:00.000Z',
    ]);
  });

  it('should include from and exclude to, and stop at the limit', () => {
    expect(between(rule({}), '2026-03-27T09:00:00Z', '2026-03-29T08:00:00Z')).toEqual(['2026-03-27T09:00:00.000Z', '2026-03-28T09:00:00.000Z']);
    expect(between(rule({}), '2026-03-27T00:00:00Z', '2027-01-01T00:00:00Z', 2)).toEqual(['2026-03-27T09:00:00.000Z', '2026-03-28T09:00:00.000Z']);
    expect(between(rule({}), '2026-03-27T00:00:00Z', '2027-01-01T00:00:00Z', 0)).toEqual([]);
    expect(between(rule({}), '2026-03-27T00:00:00Z', '2099-01-01T00:00:00Z')).toHaveLength(1000);
  });

  it('should stop at until', () => {
    expect(between(rule({ until: '2026-03-29T08:00:00.000Z' }), '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      '2026-03-27T09:00:00.000Z',
      '2026-03-28T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
    ]);
  });

  it('should publish once per instant when a zone skips a calendar day (Pacific/Apia, 2011-12-30)', () => {
    const apia = rule({ timeZone: 'Pacific/Apia', startsOn: '2011-12-28' });
    expect(between(apia, '2011-12-28T00:00:00Z', '2012-01-01T00:00:00Z')).toEqual([
      '2011-12-28T19:00:00.000Z', // -10:00
      '2011-12-29T19:00:00.000Z',
      '2011-12-30T19:00:00.000Z', // 2011-12-31 09:00 +14:00, which the missing 12-30 also maps to
      '2011-12-31T19:00:00.000Z',
    ]);
  });
});
