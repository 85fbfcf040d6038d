import { dayToLocalDate, localDateToDay } from './local-date.util';
import { type ScheduleParseResult } from './schedule-parse-result.types';
import { parseWallTime } from './wall-time.util';
import { instantAt, zonedWallClock } from './zoned-time.util';

export interface PostingSlots {
  /** Wall-clock times 'HH:mm', sorted, unique. */
  times: string[];
  timeZone: string;
}

// More slots than this in a day is a mistake, not a schedule (it is one every ~15 minutes).
const MAX_TIMES = 100;
const DEFAULT_HORIZON_DAYS = 366;
const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Validates a list of 'HH:mm' strings (sorts, removes duplicates); field names like 'times[1]'. An empty list means no slots. */
export function parsePostingTimes(input: unknown): ScheduleParseResult<string[]> {
  if (!Array.isArray(input)) return { ok: false, field: 'times', reason: 'must be a list of times such as ["09:00", "17:30"]' };
  if (input.length > MAX_TIMES) return { ok: false, field: 'times', reason: `must have at most ${MAX_TIMES} times a day` };
  const index = input.findIndex((time: unknown) => typeof time !== 'string' || parseWallTime(time) === null);
  if (index >= 0) {
    return { ok: false, field: `times[${index}]`, reason: 'must be a 24-hour time "HH:mm" from 00:00 to 23:59, e.g. "09:30"' };
  }
  // 'HH:mm' with fixed width sorts as text in time order.
  return { ok: true, value: [...new Set(input as string[])].sort() };
}

/**
 * The earliest slot strictly after `after` whose minute no instant of `taken` falls in (minute
 * precision), looking ahead at most `horizonDays` (default 366) days (24 h each, from `after`);
 * null when none. Slot times in a gap or an overlap resolve as in instantAt.
 * E.g. slots 09:00 and 17:00 in Europe/London, after 2026-03-28T12:00Z with 17:00 that day taken:
 * 2026-03-29T08:00:00Z, 09:00 BST on the day the clocks went forward.
 */
export function nextFreeSlot(slots: PostingSlots, after: Date, taken: ReadonlyArray<Date>, horizonDays = DEFAULT_HORIZON_DAYS): Date | null {
  // NaN or a negative horizon would never end the day loop below.
  if (slots.times.length === 0 || !(horizonDays > 0)) return null;
  const takenMinutes = new Set(taken.map((instant) => Math.floor(instant.getTime() / MS_PER_MINUTE)));
  const end = after.getTime() + horizonDays * MS_PER_DAY;
  // From the local date before `after`'s, as a margin: a gap spanning midnight can push a slot of
  // the previous date onto `after`'s date.
  for (let day = localDateToDay(zonedWallClock(after, slots.timeZone).date) - 1; ; day += 1) {
    const instants = slotInstants(slots, dayToLocalDate(day));
    const first = instants[0];
    if (first === undefined || first > end) return null;
    const free = instants.find((t) => t > after.getTime() && t <= end && !takenMinutes.has(Math.floor(t / MS_PER_MINUTE)));
    if (free !== undefined) return new Date(free);
  }
}

/**
 * A date's slot instants in time order, without repeats. Gaps reorder and merge times: in London
 * on 2026-03-29 (01:00 → 02:00), slot 01:30 moves to 02:30 BST (01:30Z), after slot 02:15
 * (01:15Z), and a slot 02:30 would be the same instant as the moved 01:30.
 */
function slotInstants(slots: PostingSlots, date: string): number[] {
  const instants = slots.times.map((time) => instantAt(date, time, slots.timeZone).getTime());
  return [...new Set(instants)].sort((a, b) => a - b);
}
