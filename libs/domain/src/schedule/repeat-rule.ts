import { parseInstant } from '../iso-instant';
import { type ScheduleParseResult } from './schedule-parse-result.types';
import { type Weekday } from './weekday.types';
import { isValidTimeZone, zonedWallClock } from './zoned-time.util';

export interface RepeatRule {
  frequency: 'daily' | 'weekly';
  /** Every `interval` days (daily) or weeks (weekly); at least 1. */
  interval: number;
  /** weekly only: the days of the week, non-empty, sorted, unique. */
  weekdays?: Weekday[];
  /** Wall-clock time 'HH:mm' in timeZone. */
  time: string;
  /** IANA zone of the wall-clock intent. */
  timeZone: string;
  /** Local date 'YYYY-MM-DD' (in timeZone) of the first occurrence: the anchor that days and weeks count from. */
  startsOn: string;
  /** Optional: no occurrence after this instant (ISO 8601 with Z). */
  until?: string;
}

export type RepeatRuleResult = ScheduleParseResult<RepeatRule>;
type Failure = Extract<RepeatRuleResult, { ok: false }>;

// A year of days or weeks: past that a "repeat" is a one-off the user can schedule again.
const MAX_INTERVAL = { daily: 365, weekly: 52 } as const;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const fail = (field: string, reason: string): Failure => ({ ok: false, field, reason });

/**
 * The repeat rule of a user's request `{ frequency, interval, weekdays?, until? }` whose first
 * occurrence is `first`; `time` and `startsOn` are `first`'s wall clock in `timeZone` (seconds
 * dropped). A weekly rule without weekdays repeats on `first`'s weekday. Field names are relative
 * to the request ('' is the request itself). Throws a RangeError when `first` is an invalid Date.
 */
export function repeatRuleFrom(input: unknown, first: Date, timeZone: string): RepeatRuleResult {
  if (Number.isNaN(first.getTime())) throw new RangeError('repeatRuleFrom needs a valid first occurrence');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('', 'must be an object such as { "frequency": "daily", "interval": 1 }');
  }
  const request = input as Record<string, unknown>;
  const frequency = request['frequency'];
  if (frequency !== 'daily' && frequency !== 'weekly') return fail('frequency', 'must be "daily" or "weekly"');
  const interval = request['interval'];
  const max = MAX_INTERVAL[frequency];
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > max) {
    return fail('interval', `must be a whole number from 1 to ${max} (${frequency === 'daily' ? 'days' : 'weeks'})`);
  }
  const weekdays = parseWeekdays(frequency, request['weekdays']);
  if (!weekdays.ok) return weekdays;
  const until = parseUntil(request['until']);
  if (!until.ok) return until;
  if (!isValidTimeZone(timeZone)) {
    return fail('timeZone', `is not a known IANA time zone such as "Europe/London": ${JSON.stringify(timeZone)}`);
  }
  const wall = zonedWallClock(first, timeZone);
  const rule: RepeatRule = { frequency, interval, time: wall.time, timeZone, startsOn: wall.date };
  if (frequency === 'weekly') {
    const days = weekdays.value ?? [wall.weekday];
    if (!days.includes(wall.weekday)) return fail('weekdays', firstDayMissing(wall.weekday, wall.date, timeZone));
    rule.weekdays = days;
  }
  if (until.value) {
    if (until.value.getTime() < first.getTime()) {
      return fail('until', `must not be before the first occurrence (${first.toISOString()})`);
    }
    rule.until = until.value.toISOString();
  }
  return { ok: true, value: rule };
}

// The first occurrence is the anchor: a weekly rule that skipped its own first day would publish
// on a day the user did not choose.
function firstDayMissing(weekday: Weekday, date: string, timeZone: string): string {
  const name = WEEKDAY_NAMES[weekday - 1] ?? '';
  return `must include ${name} (${weekday}), the day of the first occurrence (${date} in ${timeZone}), or move the first occurrence to a chosen day`;
}

/** Weekdays of a weekly request, sorted and unique; undefined when the request names none. */
function parseWeekdays(frequency: 'daily' | 'weekly', input: unknown): ScheduleParseResult<Weekday[] | undefined> {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  if (!Array.isArray(input)) return fail('weekdays', 'must be a list of days of the week from 1 (Monday) to 7 (Sunday)');
  if (frequency === 'daily') {
    // Tolerate an empty list, which forms send for "no days"; days on a daily rule are a mistake.
    return input.length === 0 ? { ok: true, value: undefined } : fail('weekdays', 'must be left out of a daily repeat, or set frequency to "weekly"');
  }
  if (input.length === 0) return fail('weekdays', 'must name at least one day of the week');
  const index = input.findIndex((day: unknown) => typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7);
  if (index >= 0) return fail(`weekdays[${index}]`, 'must be a day of the week from 1 (Monday) to 7 (Sunday)');
  const days = [...new Set(input as Weekday[])].sort((a, b) => a - b);
  return { ok: true, value: days };
}

function parseUntil(input: unknown): ScheduleParseResult<Date | undefined> {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  const parsed = parseInstant(input);
  return parsed.ok ? { ok: true, value: parsed.value } : fail('until', parsed.reason);
}
