/** The result of validating part of a user's request; `field` names the offending part, e.g. 'weekdays[2]'. */
export type ScheduleParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; field: string; reason: string };
