import { type Weekday } from './weekday.types';

// Local dates are counted as whole days since 1970-01-01 ("day numbers"). A calendar date has no
// zone, so the arithmetic is done on the UTC calendar, where every day has 24 hours: adding 1 to
// the day of 2026-03-29 gives 2026-03-30 whatever London's clocks do that night.
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a UTC calendar reading; unlike Date.UTC, years 0–99 are not read as 19xx. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** The day number of 'YYYY-MM-DD', or null when it is not a real calendar date (2026-02-30). */
export function parseLocalDate(text: string): number | null {
  const match = LOCAL_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = utcMs(year, month, day);
  const check = new Date(ms);
  // setUTCFullYear rolls 2026-02-30 over to 2026-03-02: a changed month means the date was not real.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY);
}

/** Like parseLocalDate, for dates that were produced by this module and must be valid. */
export function localDateToDay(text: string): number {
  const day = parseLocalDate(text);
  if (day === null) throw new RangeError(`not a local date 'YYYY-MM-DD': ${JSON.stringify(text)}`);
  return day;
}

/** 'YYYY-MM-DD' of a day number. */
export function dayToLocalDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day number of a UTC calendar reading in milliseconds (any time of that day). */
export function msToDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** ISO weekday of a day number: day 0, 1970-01-01, was a Thursday (4). */
export function weekdayOfDay(day: number): Weekday {
  return ((((day + 3) % 7) + 7) % 7 + 1) as Weekday;
}

/** The day number of the Monday that starts the (ISO, Monday-based) week of `day`. */
export function mondayOfDay(day: number): number {
  return day - (weekdayOfDay(day) - 1);
}
