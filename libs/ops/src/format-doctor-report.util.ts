import type { CheckResult, CheckStatus } from './check-result';

const SYMBOL: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

export interface DoctorReport {
  status: CheckStatus;
  checks: CheckResult[];
}

/**
 * The doctor's report for a terminal: one line per check with its mark (✓ ok, ! warning,
 * ✗ failure), further lines of its detail indented, then what to do, then a summary.
 */
export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    const [first = '', ...rest] = check.detail.split('\n');
    lines.push(`${SYMBOL[check.status]} ${check.name}: ${first}`);
    for (const line of rest) lines.push(`    ${line}`);
    if (check.fix && check.status !== 'ok') lines.push(`    fix: ${check.fix}`);
  }
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const failed = count('fail');
  const warned = count('warn');
  const summary =
    report.status === 'ok'
      ? `All ${report.checks.length} checks passed.`
      : `${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}, ${count('ok')} ok.`;
  lines.push('', `${SYMBOL[report.status]} ${summary}`);
  return lines.join('\n');
}
