import { repeatRuleFrom } from './repeat-rule';

// 2026-03-29T08:00:00Z is Sunday 09:00 BST in London, the day the clocks go forward.
const sundayInLondon = new Date('2026-03-29T08:00:00Z');
// 2026-03-28T23:30:00Z is Saturday in UTC but Sunday 2026-03-29 12:30 in Auckland (+13:00).
const sundayInAuckland = new Date('2026-03-28T23:30:00Z');

describe(repeatRuleFrom.name, () => {
  it('should take time and startsOn from the first occurrence read in Europe/London', () => {
    expect(repeatRuleFrom({ frequency: 'daily', interval: 3 }, sundayInLondon, 'Europe/London')).toEqual({
      ok: true,
      value: { frequency: 'daily', interval: 3, time: '09:00', timeZone: 'Europe/London', startsOn: '2026-03-29' },
    });
  });

  it('should read the first occurrence in the rule zone, not in UTC (Pacific/Auckland is a day ahead)', () => {
    const result = repeatRuleFrom({ frequency: 'weekly', interval: 1, weekdays: [7] }, sundayInAuckland, 'Pacific/Auckland');
    expect(result).toEqual({
      ok: true,
      value: { frequency: 'weekly', interval: 1, weekdays: [7], time: '12:30', timeZone: 'Pacific/Auckland', startsOn: '2026-03-29' },
    });
  });

  it('should repeat weekly on the first occurrence weekday when no weekdays are given', () => {
    const result = repeatRuleFrom({ frequency: 'weekly', interval: 2 }, sundayInLondon, 'Europe/London');
    expect(result.ok && result.value.weekdays).toEqual([7]);
  });

  it('should sort weekdays and drop repeats', () => {
    const result = repeatRuleFrom({ frequency: 'weekly', interval: 1, weekdays: [5, 7, 1, 3, 1] }, sundayInLondon, 'Europe/London');
    expect(result.ok && result.value.weekdays).toEqual([1, 3, 5, 7]);
  });

  it('should drop the seconds of the first occurrence from the wall-clock time', () => {
    const result = repeatRuleFrom({ frequency: 'daily', interval: 1 }, new Date('2026-05-01T09:30:45Z'), 'UTC');
    expect(result.ok && result.value.time).toBe('09:30');
  });

  it('should store until in UTC with Z, and accept until equal to the first occurrence', () => {
    const later = repeatRuleFrom({ frequency: 'daily', interval: 1, until: '2026-06-01T00:00:00+02:00' }, sundayInLondon, 'Europe/London');
    expect(later.ok && later.value.until).toBe('2026-05-31T22:00:00.000Z');
    const same = repeatRuleFrom({ frequency: 'daily', interval: 1, until: '2026-03-29T09:00:00+01:00' }, sundayInLondon, 'Europe/London');
    expect(same.ok && same.value.until).toBe('2026-03-29T08:00:00.000Z');
  });

  it('should accept an empty weekdays list and a null until on a daily rule', () => {
    const result = repeatRuleFrom({ frequency: 'daily', interval: 1, weekdays: [], until: null }, sundayInLondon, 'Europe/London');
    expect(result).toEqual({ ok: true, value: { frequency: 'daily', interval: 1, time: '09:00', timeZone: 'Europe/London', startsOn: '2026-03-29' } });
  });

  it.each([
    ['a missing request', null, ''],
    ['a list instead of a request', [], ''],
    ['a monthly frequency', { frequency: 'monthly', interval: 1 }, 'frequency'],
    ['a missing frequency', { interval: 1 }, 'frequency'],
    ['a zero interval', { frequency: 'daily', interval: 0 }, 'interval'],
    ['a fractional interval', { frequency: 'daily', interval: 1.5 }, 'interval'],
    ['an interval as text', { frequency: 'daily', interval: '2' }, 'interval'],
    ['a missing interval', { frequency: 'daily' }, 'interval'],
    ['366 days', { frequency: 'daily', interval: 366 }, 'interval'],
    ['53 weeks', { frequency: 'weekly', interval: 53 }, 'interval'],
    ['weekdays as text', { frequency: 'weekly', interval: 1, weekdays: 'sunday' }, 'weekdays'],
    ['no weekdays on a weekly rule', { frequency: 'weekly', interval: 1, weekdays: [] }, 'weekdays'],
    ['weekdays on a daily rule', { frequency: 'daily', interval: 1, weekdays: [7] }, 'weekdays'],
    ['weekday 8 in third place', { frequency: 'weekly', interval: 1, weekdays: [7, 1, 8] }, 'weekdays[2]'],
    ['weekday 0', { frequency: 'weekly', interval: 1, weekdays: [0, 7] }, 'weekdays[0]'],
    ['an until without offset', { frequency: 'daily', interval: 1, until: '2026-06-01T00:00:00' }, 'until'],
    ['an until that is no date', { frequency: 'daily', interval: 1, until: 'next week' }, 'until'],
    ['an until before the first occurrence', { frequency: 'daily', interval: 1, until: '2026-03-29T07:59:59Z' }, 'until'],
  ])('should reject %s, naming the field', (_label, input, field) => {
    const result = repeatRuleFrom(input, sundayInLondon, 'Europe/London');
    expect(result).toMatchObject({ ok: false, field });
    expect(!result.ok && result.reason).toMatch(/^(must|has|is) /);
  });

  it('should say what the interval must be', () => {
    expect(repeatRuleFrom({ frequency: 'daily', interval: 0 }, sundayInLondon, 'UTC')).toEqual({
      ok: false,
      field: 'interval',
      reason: 'must be a whole number from 1 to 365 (days)',
    });
    expect(repeatRuleFrom({ frequency: 'weekly', interval: 60 }, sundayInLondon, 'UTC')).toMatchObject({
      reason: 'must be a whole number from 1 to 52 (weeks)',
    });
  });

  it('should reject a weekly rule that leaves out the first occurrence weekday in its zone, and say so', () => {
    // Saturday in UTC, Sunday in Auckland: [6] is right for UTC and wrong for Auckland.
    expect(repeatRuleFrom({ frequency: 'weekly', interval: 1, weekdays: [6] }, sundayInAuckland, 'UTC').ok).toBe(true);
    expect(repeatRuleFrom({ frequency: 'weekly', interval: 1, weekdays: [6] }, sundayInAuckland, 'Pacific/Auckland')).toEqual({
      ok: false,
      field: 'weekdays',
      reason:
        'must include Sunday (7), the day of the first occurrence (2026-03-29 in Pacific/Auckland), or move the first occurrence to a chosen day',
    });
  });

  it('should reject an unknown zone under the timeZone field', () => {
    for (const zone of ['Mars/Base', '+05:30', '']) {
      expect(repeatRuleFrom({ frequency: 'daily', interval: 1 }, sundayInLondon, zone)).toMatchObject({ ok: false, field: 'timeZone' });
    }
  });

  it('should throw for an invalid first occurrence, which is a programming error', () => {
    expect(() => repeatRuleFrom({ frequency: 'daily', interval: 1 }, new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});
