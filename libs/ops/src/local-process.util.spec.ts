import { spawnSync } from 'node:child_process';
import { localProcessGone } from './local-process.util';

describe(localProcessGone.name, () => {
  it('should say a process of this host that exited is gone', () => {
    const { pid } = spawnSync(process.execPath, ['-e', '0']);

    expect(localProcessGone(`${pid}@here`, 'here')).toBe(true);
  });

  it('should say this very process is not gone', () => {
    expect(localProcessGone(`${process.pid}@here`, 'here')).toBe(false);
  });

  it('should conclude nothing about another host, or an identity it cannot read', () => {
    const { pid } = spawnSync(process.execPath, ['-e', '0']);

    expect(localProcessGone(`${pid}@elsewhere`, 'here')).toBe(false);
    expect(localProcessGone('worker-7', 'here')).toBe(false);
  });
});
