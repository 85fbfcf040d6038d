import { type RepeatRule } from './repeat-rule';
import { occurrenceAfter, occurrencesBetween } from './repeat-occurrences.util';
import { zonedWallClock } from './zoned-time.util';

// A year of occurrences checked one by one in each zone, against dates counted independently
// here on the UTC calendar. The only steps between occurrences that are not 24 hours are the
// zone's two changes, listed by the date of the later occurrence and the step's difference from
// 24 hours in minutes.
const ZONE_CHANGES: Record<string, string[]> = {
  'Europe/London': ['2026-03-29 -60', '2026-10-25 +60'],
  'America/New_York': ['2026-03-08 -60', '2026-11-01 +60'],
  'Pacific/Chatham': ['2026-04-05 +60', '2026-09-27 -60'],
  'Australia/Lord_Howe': ['2026-04-05 +30', '2026-10-04 -30'],
  'Pacific/Auckland': ['2026-04-05 +60', '2026-09-27 -60'],
  'Asia/Kolkata': [],
  UTC: [],
};
const DAY_MS = 86_400_000;

const localDate = (year: number, month: number, day: number): string => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const daily = (timeZone: string, time: string): RepeatRule => ({ frequency: 'daily', interval: 1, time, timeZone, startsOn: '2026-01-01' });

describe(`${occurrencesBetween.name} over a year`, () => {
  it.each(Object.entries(ZONE_CHANGES))('should give every date of 2026 at 09:00 in %s', (zone, changes) => {
    const found = occurrencesBetween(daily(zone, '09:00'), new Date('2025-12-30T00:00:00Z'), new Date('2027-01-02T00:00:00Z'), 365);
    expect(found.map((instant) => zonedWallClock(instant, zone))).toEqual(
      Array.from({ length: 365 }, (_, i) => expect.objectContaining({ date: localDate(2026, 1, 1 + i), time: '09:00' })),
    );
    const odd = found.slice(1).flatMap((instant, i) => {
      const step = (instant.getTime() - found[i]!.getTime() - DAY_MS) / 60_000;
      return step === 0 ? [] : [`${zonedWallClock(instant, zone).date} ${step > 0 ? '+' : ''}${step}`];
    });
    expect(odd).toEqual(changes);
  });

  it.each([
    ['America/New_York', '02:30', '2026-03-08', '03:30'],
    ['Europe/London', '01:30', '2026-03-29', '02:30'],
    ['Pacific/Chatham', '03:00', '2026-09-27', '04:00'],
    ['Australia/Lord_Howe', '02:15', '2026-10-04', '02:45'],
  ])('should give every date of 2026 at %s %s, moving only the gap day %s to %s', (zone, time, gapDay, movedTo) => {
    const found = occurrencesBetween(daily(zone, time), new Date('2025-12-30T00:00:00Z'), new Date('2027-01-02T00:00:00Z'), 365);
    const walls = found.map((instant) => zonedWallClock(instant, zone));
    const expected = Array.from({ length: 365 }, (_, i) => localDate(2026, 1, 1 + i));
    expect(walls.map((w) => w.date)).toEqual(expected);
    expect(walls.filter((w) => w.time !== time)).toEqual([expect.objectContaining({ date: gapDay, time: movedTo })]);
  });

  it('should give the same year when stepping with occurrenceAfter', () => {
    const rule = daily('Pacific/Chatham', '09:00');
    const all = occurrencesBetween(rule, new Date('2025-12-30T00:00:00Z'), new Date('2027-01-02T00:00:00Z'), 365);
    const stepped: Date[] = [all[0]!];
    while (stepped.length < 365) stepped.push(occurrenceAfter(rule, stepped[stepped.length - 1]!)!);
    expect(stepped.map((d) => d.toISOString())).toEqual(all.map((d) => d.toISOString()));
  });
});

describe(`${occurrencesBetween.name} every other week over 2026 and 2027`, () => {
  // Tuesday, Thursday and Saturday of every other week from the week of Monday 2026-01-05.
  const expectedDates: string[] = [];
  for (let week = 0; week < 104; week += 2) for (const offset of [1, 3, 5]) expectedDates.push(localDate(2026, 1, 5 + week * 7 + offset));
  const inRange = expectedDates.filter((date) => date <= '2027-12-31');

  it.each(Object.keys(ZONE_CHANGES))('should fire on exactly the chosen days at 18:30 in %s', (zone) => {
    const rule: RepeatRule = { frequency: 'weekly', interval: 2, weekdays: [2, 4, 6], time: '18:30', timeZone: zone, startsOn: '2026-01-06' };
    const walls = occurrencesBetween(rule, new Date('2026-01-01T00:00:00Z'), new Date('2028-01-02T00:00:00Z'))
      .map((instant) => zonedWallClock(instant, zone))
      .filter((wall) => wall.date <= '2027-12-31');
    expect(walls.map((w) => w.date)).toEqual(inRange);
    expect(new Set(walls.map((w) => w.time))).toEqual(new Set(['18:30']));
    expect(new Set(walls.map((w) => w.weekday))).toEqual(new Set([2, 4, 6]));
  });
});
