import { formatDoctorReport } from './format-doctor-report.util';

const at = '2026-12-03T10:00:00.000Z';

describe(formatDoctorReport.name, () => {
  it('should mark each check, indent the rest of its detail, and say what to do about what is wrong', () => {
    const text = formatDoctorReport({
      status: 'fail',
      checks: [
        { name: 'postgres', status: 'ok', detail: 'Postgres at db:5432/herald answers (2 ms).', checkedAt: at },
        { name: 'channels', status: 'warn', detail: '1 channel needs reconnecting:\n- Facebook Page "Cafe"', fix: 'Reconnect it.', checkedAt: at },
        { name: 'temporal', status: 'fail', detail: 'Temporal at t:7233 does not answer.', fix: 'Start Temporal.', checkedAt: at },
      ],
    });

    expect(text.split('\n')).toEqual([
      '✓ postgres: Postgres at db:5432/herald answers (2 ms).',
      '! channels: 1 channel needs reconnecting:',
      '    - Facebook Page "Cafe"',
      '    fix: Reconnect it.',
      '✗ temporal: Temporal at t:7233 does not answer.',
      '    fix: Start Temporal.',
      '',
      '✗ 1 failed, 1 warning, 1 ok.',
    ]);
  });

  it('should say so when every check passed', () => {
    const text = formatDoctorReport({ status: 'ok', checks: [{ name: 'redis', status: 'ok', detail: 'Redis answers.', checkedAt: at }] });

    expect(text.endsWith('✓ All 1 checks passed.')).toBe(true);
  });
});
