import { instantAt, zonedWallClock } from './zoned-time.util';

// Every day of 2026 and 2027, at times chosen to land in each zone's gaps and overlaps: every
// time reads back as itself, except exactly the listed gap cases, which read back moved forward
// by the zone's shift; and exactly the listed overlap cases happen twice, of which the earlier
// is the one chosen.
const TIMES = ['00:00', '01:30', '01:45', '02:15', '02:30', '03:00', '09:00', '23:59'];

interface ZoneCase {
  shiftMinutes: number;
  gaps: string[];
  overlaps: string[];
}

const ZONES: Record<string, ZoneCase> = {
  // Last Sunday of March and of October, 01:00 UTC.
  'Europe/London': {
    shiftMinutes: 60,
    gaps: ['2026-03-29 01:30', '2026-03-29 01:45', '2027-03-28 01:30', '2027-03-28 01:45'],
    overlaps: ['2026-10-25 01:30', '2026-10-25 01:45', '2027-10-31 01:30', '2027-10-31 01:45'],
  },
  // Second Sunday of March, first Sunday of November, 02:00 local.
  'America/New_York': {
    shiftMinutes: 60,
    gaps: ['2026-03-08 02:15', '2026-03-08 02:30', '2027-03-14 02:15', '2027-03-14 02:30'],
    overlaps: ['2026-11-01 01:30', '2026-11-01 01:45', '2027-11-07 01:30', '2027-11-07 01:45'],
  },
  // Last Sunday of September (02:45 → 03:45), first Sunday of April (03:45 → 02:45).
  'Pacific/Chatham': {
    shiftMinutes: 60,
    gaps: ['2026-09-27 03:00', '2027-09-26 03:00'],
    overlaps: ['2026-04-05 03:00', '2027-04-04 03:00'],
  },
  // First Sunday of October (02:00 → 02:30), first Sunday of April (02:00 → 01:30).
  'Australia/Lord_Howe': {
    shiftMinutes: 30,
    gaps: ['2026-10-04 02:15', '2027-10-03 02:15'],
    overlaps: ['2026-04-05 01:30', '2026-04-05 01:45', '2027-04-04 01:30', '2027-04-04 01:45'],
  },
  // Last Sunday of September (02:00 → 03:00), first Sunday of April (03:00 → 02:00).
  'Pacific/Auckland': {
    shiftMinutes: 60,
    gaps: ['2026-09-27 02:15', '2026-09-27 02:30', '2027-09-26 02:15', '2027-09-26 02:30'],
    overlaps: ['2026-04-05 02:15', '2026-04-05 02:30', '2027-04-04 02:15', '2027-04-04 02:30'],
  },
  'Asia/Kolkata': { shiftMinutes: 0, gaps: [], overlaps: [] },
  UTC: { shiftMinutes: 0, gaps: [], overlaps: [] },
};

const MINUTE = 60_000;

function daysOf2026And2027(): string[] {
  const days: string[] = [];
  for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 86_400_000) days.push(new Date(ms).toISOString().slice(0, 10));
  return days;
}

function plusMinutes(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

describe(`${instantAt.name} on every day of 2026 and 2027`, () => {
  const days = daysOf2026And2027();

  it.each(Object.entries(ZONES))('should read every time back in %s, moving only gap times, earliest in overlaps', (zone, expected) => {
    const gaps: string[] = [];
    const overlaps: string[] = [];
    // Collected rather than asserted one by one: 5,840 expect() calls per zone cost seconds.
    const wrong: string[] = [];
    for (const date of days) {
      for (const time of TIMES) {
        const instant = instantAt(date, time, zone).getTime();
        const wall = zonedWallClock(new Date(instant), zone);
        const readsBack = (ms: number): boolean => {
          const other = zonedWallClock(new Date(ms), zone);
          return other.date === date && other.time === time;
        };
        if (wall.date !== date || wall.time !== time) {
          gaps.push(`${date} ${time}`);
          if (wall.date !== date || wall.time !== plusMinutes(time, expected.shiftMinutes)) wrong.push(`${date} ${time} read ${wall.date} ${wall.time}`);
          continue;
        }
        // The earlier of two readings: nothing 30 or 60 minutes before reads the same.
        if (readsBack(instant - 30 * MINUTE) || readsBack(instant - 60 * MINUTE)) wrong.push(`${date} ${time} is not the earlier`);
        if (readsBack(instant + 30 * MINUTE) || readsBack(instant + 60 * MINUTE)) overlaps.push(`${date} ${time}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(gaps).toEqual(expected.gaps);
    expect(overlaps).toEqual(expected.overlaps);
  });
});
