import { utcMs } from './local-date.util';

// The only source of zone rules is Intl (the tz database the runtime ships): it formats an
// instant in a named zone. Nothing here reads the process's TZ (no getHours, no Date parsing of
// zone-less strings), so the results are the same under any TZ.

// Building a DateTimeFormat is far slower than using one, and occurrence maths calls this
// thousands of times; the cache is deterministic, so it is safe in workflows too.
const formatters = new Map<string, ZoneFormatter>();

interface ZoneFormatter {
  format: Intl.DateTimeFormat;
  /** Whether format() writes the en-US pattern below (a runtime without en-US data falls back to another locale). */
  enUs: boolean;
}

function formatterFor(timeZone: string): ZoneFormatter {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-US with latn digits and h23 (not h24, which writes midnight as 24:00).
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const { locale, numberingSystem } = format.resolvedOptions();
    formatter = { format, enUs: locale === 'en-US' && numberingSystem === 'latn' };
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// en-US h23 formats as '3/29/2026, 02:00:00'. format() is several times faster than
// formatToParts(), which stays as the fallback should a runtime write the reading differently.
const EN_US_READING = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}), (\d{2}):(\d{2}):(\d{2})$/;

/**
 * What a clock in `timeZone` reads at `epochMs`, expressed as the UTC milliseconds of the same
 * reading (seconds precision). E.g. 2026-03-29T01:00:00Z in Europe/London reads 02:00 (BST), so
 * this returns the milliseconds of 2026-03-29T02:00:00Z. Throws a RangeError for an unknown zone.
 */
export function wallReadingMs(epochMs: number, timeZone: string): number {
  const { format, enUs } = formatterFor(timeZone);
  const match = enUs ? EN_US_READING.exec(format.format(epochMs)) : null;
  const [month, day, year, hour, minute, second] = match ? match.slice(1).map(Number) : readingFromParts(format, epochMs);
  // Older engines write midnight as 24 even with h23; it is hour 0 of the same day.
  return utcMs(year ?? 0, month ?? 1, day ?? 1, (hour ?? 0) % 24, minute ?? 0, second ?? 0);
}

/** [month, day, year, hour, minute, second] of the reading, from the formatter's parts. */
function readingFromParts(formatter: Intl.DateTimeFormat, epochMs: number): number[] {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter.formatToParts(epochMs)) fields[part.type] = Number(part.value);
  return [fields.month ?? 1, fields.day ?? 1, fields.year ?? 0, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0];
}

/** The zone's offset from UTC at `epochMs`, in milliseconds (+01:00 → 3_600_000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  return wallReadingMs(epochMs, timeZone) - Math.floor(epochMs / 1000) * 1000;
}
