import { instantAt, zonedWallClock } from '@herald/domain';

// Every conversion between a wall clock and an instant goes through the zone the user chose,
// with offsets from Intl (libs/domain): never the browser's own offset (Date#getHours,
// Date#getTimezoneOffset, or parsing a string without an offset).

const MS_PER_MINUTE = 60_000;

/** A wall clock: a calendar date 'YYYY-MM-DD' and a time 'HH:mm'. */
export interface WallClock {
  date: string;
  time: string;
}

/** '+01:00' for 3_600_000 ms; '-03:30' for Newfoundland's standard time; 'Z' is never used. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The ISO 8601 string, with the zone's offset at that moment, of a wall clock in `timeZone`:
 * 2026-03-29 09:00 in Europe/London is '2026-03-29T09:00:00+01:00' (BST began at 01:00 UTC
 * that day). A time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30),
 * and an ambiguous fall-back time is the earlier instant, as the API reads repeats.
 */
export function wallClockToIso(wall: WallClock, timeZone: string): string {
  const instant = instantAt(wall.date, wall.time, timeZone);
  const actual = zonedWallClock(instant, timeZone);
  // The offset is what the zone's clock reads minus the instant, both as UTC milliseconds.
  const offsetMs = Date.parse(`${actual.date}T${actual.time}:00Z`) - instant.getTime();
  return `${actual.date}T${actual.time}:00${formatOffset(offsetMs)}`;
}

/** What a clock in `timeZone` reads at an ISO instant from the API. */
export function isoToWallClock(iso: string, timeZone: string): WallClock {
  const { date, time } = zonedWallClock(new Date(iso), timeZone);
  return { date, time };
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  return zonedWallClock(now, timeZone).date;
}

/** The next whole hour after `now`, as a wall clock in `timeZone`: the composer's default time. */
export function nextWholeHour(timeZone: string, now: Date): WallClock {
  const next = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  return isoToWallClock(next.toISOString(), timeZone);
}
