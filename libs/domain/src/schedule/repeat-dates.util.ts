import { localDateToDay, mondayOfDay } from './local-date.util';
import { type RepeatRule } from './repeat-rule';
import { type Weekday } from './weekday.types';

// The calendar half of a repeat: which local dates it fires on. No zone is involved: dates are
// counted from the anchor's local date, so a daylight-saving change cannot skip or double a day.

/**
 * The day numbers (see local-date.util) of the local dates `rule` fires on, from `fromDay` on,
 * in order, without end (the caller applies `until`).
 * - daily, interval 3, startsOn Mon 2026-03-02: 03-02, 03-05, 03-08, … (every third date).
 * - weekly, interval 2, Mon and Thu, startsOn Thu 2026-03-05: the anchor's week is the week of
 *   Mon 03-02, so 03-05, then the week of 03-16: 03-16, 03-19, then 03-30, 04-02, … (03-02 is
 *   before the anchor and is not an occurrence).
 */
export function* repeatDates(rule: RepeatRule, fromDay: number): Generator<number, void, undefined> {
  checkRule(rule);
  const startDay = localDateToDay(rule.startsOn);
  const from = Math.max(fromDay, startDay);
  if (rule.frequency === 'daily') yield* dailyDates(startDay, rule.interval, from);
  // Sorted and unique again: the yield order must be the calendar order even for a stored rule.
  else yield* weeklyDates(startDay, rule.interval, [...new Set(rule.weekdays)].sort((a, b) => a - b), from);
}

function* dailyDates(startDay: number, interval: number, from: number): Generator<number, void, undefined> {
  for (let day = startDay + ceilToMultiple(from - startDay, interval); ; day += interval) yield day;
}

function* weeklyDates(startDay: number, interval: number, weekdays: readonly Weekday[], from: number): Generator<number, void, undefined> {
  // Weeks are counted in whole weeks from the anchor's Monday; only every `interval`-th one fires.
  const anchorWeek = mondayOfDay(startDay);
  for (let week = ceilToMultiple(Math.floor((from - anchorWeek) / 7), interval); ; week += interval) {
    for (const weekday of weekdays) {
      const day = anchorWeek + (week * 7) + weekday - 1;
      if (day >= from) yield day;
    }
  }
}

/** The smallest multiple of `step` that is at least `n`. */
function ceilToMultiple(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

// A rule read back from storage is not checked by the type system: a zero interval or a weekly
// rule without days would loop forever, and weekday 8 would fire in the following week.
function checkRule(rule: RepeatRule): void {
  if (!Number.isInteger(rule.interval) || rule.interval < 1) {
    throw new RangeError(`repeat interval must be a whole number of at least 1, not ${rule.interval}`);
  }
  const weekdays = rule.weekdays ?? [];
  if (rule.frequency === 'weekly' && (weekdays.length === 0 || !weekdays.every((day) => Number.isInteger(day) && day >= 1 && day <= 7))) {
    throw new RangeError(`a weekly repeat needs weekdays from 1 to 7, not ${JSON.stringify(rule.weekdays)}`);
  }
}
