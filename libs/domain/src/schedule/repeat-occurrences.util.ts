import { parseInstant } from '../iso-instant';
import { dayToLocalDate, localDateToDay } from './local-date.util';
import { repeatDates } from './repeat-dates.util';
import { type RepeatRule } from './repeat-rule';
import { instantAt, zonedWallClock } from './zoned-time.util';

// The zone half of a repeat: each local date the rule fires on becomes the instant at which the
// wall clock in rule.timeZone reads rule.time on that date. Occurrences are never the previous
// instant plus 24 h: 09:00 Europe/London is 08:00Z in summer and 09:00Z in winter, so adding days
// to an instant would drift by an hour at every change.

const DEFAULT_LIMIT = 1000;

/**
 * The rule's occurrences at or after `from`, strictly increasing, until rule.until. Starts two
 * local dates before `from`'s, as a margin: a gap can move a date's time past the next midnight
 * (Pacific/Apia's skipped 2011-12-30), so the date that produced an instant can be earlier than
 * the instant's own local date. Dates before `from` cost one instantAt each and are dropped.
 */
function* occurrencesFrom(rule: RepeatRule, from: Date): Generator<Date, void, undefined> {
  const until = untilMs(rule);
  const fromDay = localDateToDay(zonedWallClock(from, rule.timeZone).date) - 2;
  let previous = -Infinity;
  for (const day of repeatDates(rule, fromDay)) {
    const instant = instantAt(dayToLocalDate(day), rule.time, rule.timeZone);
    if (instant.getTime() > until) return;
    // A skipped calendar day (Pacific/Apia dropped 2011-12-30) moves its time onto the next
    // date's: one publish, not two at the same instant.
    if (instant.getTime() < from.getTime() || instant.getTime() <= previous) continue;
    previous = instant.getTime();
    yield instant;
  }
}

// parseInstant, not Date.parse: a stored until without an offset would be read in the process's
// TZ, and an unreadable one would compare false with every instant and never end the rule.
function untilMs(rule: RepeatRule): number {
  if (rule.until === undefined) return Infinity;
  const parsed = parseInstant(rule.until);
  if (!parsed.ok) throw new RangeError(`repeat until ${JSON.stringify(rule.until)} ${parsed.reason}`);
  return parsed.value.getTime();
}

/** The first occurrence strictly after `after`, or null when the rule ended (until). */
export function occurrenceAfter(rule: RepeatRule, after: Date): Date | null {
  // Instants have millisecond precision: "strictly after" is "at or after the next millisecond".
  for (const instant of occurrencesFrom(rule, new Date(after.getTime() + 1))) return instant;
  return null;
}

/** Occurrences in [from, to), at most `limit` (default 1000). */
export function occurrencesBetween(rule: RepeatRule, from: Date, to: Date, limit = DEFAULT_LIMIT): Date[] {
  const found: Date[] = [];
  if (limit <= 0) return found;
  for (const instant of occurrencesFrom(rule, from)) {
    if (instant.getTime() >= to.getTime()) break;
    found.push(instant);
    if (found.length >= limit) break;
  }
  return found;
}
