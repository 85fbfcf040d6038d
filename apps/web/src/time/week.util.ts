import { instantAt } from '@herald/domain';

// Calendar dates are added on the UTC calendar, where every day has 24 hours: the week of a DST
// change still has seven dates, and each date's start is found in the zone separately.
const MS_PER_DAY = 86_400_000;

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** The Monday of the (ISO) week of `date`. */
export function mondayOf(date: string): string {
  const day = dayNumber(date);
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
  return dateOf(day - (isoWeekday - 1));
}

/** The seven dates of the week that starts on `monday`. */
export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * The instants the week covers in `timeZone`, for GET /posts?startDate&endDate (both inclusive):
 * from Monday 00:00 to the millisecond before next Monday 00:00, each read in the zone. A week
 * with a DST change is 167 or 169 hours long.
 */
export function weekRange(monday: string, timeZone: string): { startDate: string; endDate: string } {
  const start = instantAt(monday, '00:00', timeZone);
  const end = instantAt(addDays(monday, 7), '00:00', timeZone);
  return { startDate: start.toISOString(), endDate: new Date(end.getTime() - 1).toISOString() };
}
