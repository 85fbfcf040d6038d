import { parseWorkerHeartbeat } from './parse-worker-heartbeat.util';

describe(parseWorkerHeartbeat.name, () => {
  const valid = {
    identity: '4242@worker-1',
    hostname: 'worker-1',
    pid: 4242,
    queues: [{ name: 'herald-workflows', state: 'running' }],
    startedAt: '2026-12-03T10:00:00.000Z',
    reportedAt: '2026-12-03T10:05:00.000Z',
  };

  it('should read a heartbeat a worker wrote', () => {
    expect(parseWorkerHeartbeat(JSON.stringify(valid))).toEqual({ ok: true, heartbeat: valid });
  });

  it('should refuse a value that is not JSON', () => {
    expect(parseWorkerHeartbeat('PONG')).toEqual({ ok: false, problem: 'not JSON' });
  });

  it('should name the field that is wrong, such as a queue state it does not know', () => {
    const parsed = parseWorkerHeartbeat(JSON.stringify({ ...valid, queues: [{ name: 'herald-workflows', state: 'asleep' }] }));

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(/^queues\.0\.state /);
  });

  it('should refuse a heartbeat without a pid or with an unreadable time', () => {
    const { pid: _pid, ...withoutPid } = valid;

    expect(parseWorkerHeartbeat(JSON.stringify(withoutPid)).ok).toBe(false);
    expect(parseWorkerHeartbeat(JSON.stringify({ ...valid, reportedAt: 'yesterday' })).ok).toBe(false);
  });
});
