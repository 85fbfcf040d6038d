import { hostname } from 'node:os';

/**
 * True when `identity` (`pid@host`) names a process on this very host that no longer exists.
 * Only a same-host answer is certain; on any other host nothing is concluded. (Containers have
 * hostnames of their own, so a doctor run in another container concludes nothing either.)
 */
export function localProcessGone(identity: string, localHost: string = hostname()): boolean {
  const match = /^(\d+)@(.+)$/.exec(identity);
  if (!match || match[2] !== localHost) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
