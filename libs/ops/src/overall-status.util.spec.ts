import { doctorExitCode, overallStatus } from './overall-status.util';

describe(overallStatus.name, () => {
  it('should fail when one check fails, warn when one warns, and be ok otherwise', () => {
    expect(overallStatus([{ status: 'ok' }, { status: 'warn' }, { status: 'fail' }])).toBe('fail');
    expect(overallStatus([{ status: 'ok' }, { status: 'warn' }])).toBe('warn');
    expect(overallStatus([{ status: 'ok' }])).toBe('ok');
  });

  it('should exit 0 when all is well, 1 on a failure and 2 on warnings only', () => {
    expect([doctorExitCode('ok'), doctorExitCode('fail'), doctorExitCode('warn')]).toEqual([0, 1, 2]);
  });
});
