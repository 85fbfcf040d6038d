// An instant must name its offset: "2026-03-29T01:30:00" means different moments in different
// zones, and guessing the server's zone is how Postiz users got posts shifted by hours.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

export type InstantParseResult =
  | { ok: true; value: Date }
  | { ok: false; reason: string };

/** Parses an ISO 8601 date-time that carries Z or an explicit offset. */
export function parseInstant(input: unknown): InstantParseResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, reason: 'must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T09:30:00+02:00' };
  }
  const text = input.trim();
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) {
    const looksIso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text);
    return {
      ok: false,
      reason: looksIso
        ? 'has no time zone offset: add Z for UTC or an offset such as +02:00 (Herald never guesses the zone)'
        : 'is not an ISO 8601 date-time, e.g. 2026-05-01T09:30:00Z',
    };
  }
  const [, y, mo, d, h, mi, s] = match;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'is not a valid calendar date-time' };
  }
  const value = new Date(text);
  if (Number.isNaN(value.getTime())) {
    return { ok: false, reason: 'is not a valid date-time' };
  }
  return { ok: true, value };
}

/** Instants leave Herald in UTC with a Z. */
export function formatInstant(value: Date): string {
  return value.toISOString();
}
