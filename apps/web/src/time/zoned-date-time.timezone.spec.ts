import { formatOffset, isoToWallClock, nextWholeHour, todayIn, wallClockToIso } from './zoned-date-time.util';

// Rerun under TZ=UTC, Pacific/Auckland and America/New_York (scripts/test.mjs): the browser's own
// zone must never leak into what is sent.
describe('wallClockToIso', () => {
  it.each([
    ['Europe/London the day before BST', '2026-03-28', '09:00', 'Europe/London', '2026-03-28T09:00:00+00:00'],
    ['Europe/London on the day BST begins', '2026-03-29', '09:00', 'Europe/London', '2026-03-29T09:00:00+01:00'],
    ['Europe/Paris in winter', '2026-12-24', '09:00', 'Europe/Paris', '2026-12-24T09:00:00+01:00'],
    ['America/New_York in summer', '2026-07-04', '18:30', 'America/New_York', '2026-07-04T18:30:00-04:00'],
    ['Asia/Kolkata (a half-hour offset)', '2026-05-01', '10:00', 'Asia/Kolkata', '2026-05-01T10:00:00+05:30'],
    ['Pacific/Chatham in its summer (+13:45)', '2026-01-15', '08:00', 'Pacific/Chatham', '2026-01-15T08:00:00+13:45'],
    ['America/St_Johns in summer (-02:30)', '2026-07-01', '12:00', 'America/St_Johns', '2026-07-01T12:00:00-02:30'],
    ['UTC', '2026-06-01', '00:00', 'UTC', '2026-06-01T00:00:00+00:00'],
  ])('should send %s with that zone’s offset', (_name, date, time, zone, expected) => {
    expect(wallClockToIso({ date, time }, zone)).toBe(expected);
  });

  it('should move 02:30 New York, skipped by the March change, forward to 03:30 EDT', () => {
    expect(wallClockToIso({ date: '2026-03-08', time: '02:30' }, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });

  it('should take the earlier 01:30 New York when the November change repeats it', () => {
    expect(wallClockToIso({ date: '2026-11-01', time: '01:30' }, 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
  });

  it('should name the instant the user meant, whatever zone the browser is in', () => {
    const iso = wallClockToIso({ date: '2026-10-25', time: '09:00' }, 'Europe/London');
    expect(new Date(iso).toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });
});

describe('isoToWallClock', () => {
  it('should read an instant from the API in the chosen zone across a DST change', () => {
    expect(isoToWallClock('2026-03-29T00:30:00.000Z', 'Europe/London')).toEqual({ date: '2026-03-29', time: '00:30' });
    expect(isoToWallClock('2026-03-29T01:30:00.000Z', 'Europe/London')).toEqual({ date: '2026-03-29', time: '02:30' });
    expect(isoToWallClock('2026-03-29T01:30:00.000Z', 'Pacific/Auckland')).toEqual({ date: '2026-03-29', time: '14:30' });
  });

  it('should give back the wall clock it was sent for', () => {
    const wall = { date: '2026-04-05', time: '02:15' }; // Auckland's April change repeats 02:00–03:00
    expect(isoToWallClock(wallClockToIso(wall, 'Pacific/Auckland'), 'Pacific/Auckland')).toEqual(wall);
  });
});

describe('formatOffset', () => {
  it('should write hours and minutes with a sign', () => {
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(-(3 * 60 + 30) * 60_000)).toBe('-03:30');
    expect(formatOffset((13 * 60 + 45) * 60_000)).toBe('+13:45');
  });
});

describe('todayIn and nextWholeHour', () => {
  const now = new Date('2026-03-28T23:20:00.000Z');

  it('should give the date in the chosen zone, not the browser’s', () => {
    expect(todayIn('Europe/London', now)).toBe('2026-03-28');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-03-29');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-03-28');
  });

  it('should default the composer to the next whole hour in the chosen zone', () => {
    // 00:00Z on the 29th is 00:00 GMT in London, 09:00 in Tokyo, 05:30 in Kolkata
    expect(nextWholeHour('Europe/London', now)).toEqual({ date: '2026-03-29', time: '00:00' });
    expect(nextWholeHour('Asia/Tokyo', now)).toEqual({ date: '2026-03-29', time: '09:00' });
    expect(nextWholeHour('Asia/Kolkata', now)).toEqual({ date: '2026-03-29', time: '05:30' });
  });
});
