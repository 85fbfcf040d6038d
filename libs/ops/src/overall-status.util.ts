import type { CheckResult, CheckStatus } from './check-result';

/** The worst status among the checks: one failure fails the whole, else one warning warns. */
export function overallStatus(checks: readonly Pick<CheckResult, 'status'>[]): CheckStatus {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return 'ok';
}

/** The doctor's exit status: 0 when all is well, 1 when something fails, 2 when only warnings. */
export function doctorExitCode(status: CheckStatus): 0 | 1 | 2 {
  switch (status) {
    case 'ok':
      return 0;
    case 'fail':
      return 1;
    case 'warn':
      return 2;
  }
}
