/** ok: nothing to do. warn: works, but someone should look. fail: Herald cannot do its job. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One finding of the doctor or of readiness, written for the operator who reads it. */
export interface CheckResult<D = unknown> {
  name: string;
  status: CheckStatus;
  /** What was found, in plain words. */
  detail: string;
  /** What to do about it, when something is to be done. */
  fix?: string;
  checkedAt: string;
  /** The facts behind the detail, for machines (the doctor's --json). */
  data?: D;
}

export function checkResult<D = unknown>(
  name: string,
  status: CheckStatus,
  detail: string,
  now: Date,
  extra: { fix?: string; data?: D } = {},
): CheckResult<D> {
  return {
    name,
    status,
    detail,
    ...(extra.fix !== undefined && { fix: extra.fix }),
    checkedAt: now.toISOString(),
    ...(extra.data !== undefined && { data: extra.data }),
  };
}

/** A check that could not run because something it needs is down (named in its own check). */
export function notChecked(name: string, because: string, now: Date): CheckResult<never> {
  return checkResult(name, 'warn', `Not checked: ${because}.`, now);
}
