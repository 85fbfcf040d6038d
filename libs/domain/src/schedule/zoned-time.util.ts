import { dayToLocalDate, localDateToDay, msToDay, weekdayOfDay } from './local-date.util';
import { formatWallTime, wallTimeToMinutes } from './wall-time.util';
import { type Weekday } from './weekday.types';
import { wallReadingMs, zoneOffsetMs } from './zone-offset.util';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
// IANA names are Area/Location (or UTC): this refuses what some runtimes also accept as a zone,
// such as an offset '+05:30', which has no daylight-saving rules and reads differently in browsers.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether the runtime knows `timeZone` as an IANA zone name ('Europe/London', 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || !IANA_NAME.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of an instant in a zone. */
export function zonedWallClock(instant: Date, timeZone: string): { date: string; time: string; weekday: Weekday } {
  const reading = wallReadingMs(instant.getTime(), timeZone);
  const day = msToDay(reading);
  const minutes = Math.floor((reading - day * MS_PER_DAY) / MS_PER_MINUTE);
  return { date: dayToLocalDate(day), time: formatWallTime(minutes), weekday: weekdayOfDay(day) };
}

/**
 * The instant at which a wall clock (date 'YYYY-MM-DD', time 'HH:mm') in a zone reads that.
 * A time that does not exist (spring-forward gap) moves forward by the gap (02:30 → 03:30); a
 * time that happens twice (fall-back) is the earlier instant. Throws a RangeError for a malformed
 * date or time or an unknown zone.
 */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const reading = localDateToDay(date) * MS_PER_DAY + wallTimeToMinutes(time) * MS_PER_MINUTE;
  return new Date(resolveReading(reading, timeZone));
}

/**
 * The instant of a wall reading (as UTC ms). Offsets lie within ±14 h, so the real instant is
 * within 14 h of `reading`; the offsets a day before and a day after bracket any transition
 * near it (zones change their offset at most once in two days).
 *
 * Worked examples:
 * - New York, 2026-03-08 02:30: before = -5 h, after = -4 h. 02:30 read as EST is 07:30Z, where
 *   the offset is already -4 h (it reads 03:30); read as EDT it is 06:30Z, where the offset is
 *   still -5 h (01:30). Neither reading holds: the gap. 07:30Z, the reading with the offset from
 *   before the change, is the time moved forward by the gap: 03:30 EDT.
 * - New York, 2026-11-01 01:30: before = -4 h, after = -5 h. 05:30Z (EDT) and 06:30Z (EST) both
 *   read 01:30: the overlap; the earlier, 05:30Z, wins.
 */
function resolveReading(reading: number, timeZone: string): number {
  const before = zoneOffsetMs(reading - MS_PER_DAY, timeZone);
  const after = zoneOffsetMs(reading + MS_PER_DAY, timeZone);
  const candidates = before === after ? [reading - before] : [reading - before, reading - after];
  const holding = candidates.filter((t) => zoneOffsetMs(t, timeZone) === reading - t);
  return holding.length > 0 ? Math.min(...holding) : reading - before;
}
