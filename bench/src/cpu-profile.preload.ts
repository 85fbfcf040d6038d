// Loaded with `node --require` (through NODE_OPTIONS, which refuses --cpu-prof): profiles the
// whole process with V8's sampling profiler and writes a .cpuprofile into BENCH_PROFILE_DIR when
// the process exits normally (Herald's processes exit on SIGTERM after draining).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // An in-process session answers synchronously, so this runs to the end where it is called.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      // <app>/dist/main.js → <app>
      const name = path.basename(path.dirname(path.dirname(process.argv[1] ?? 'node/node')));
      writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.once('exit', write);
  // Nest's shutdown hooks end the API by raising the signal again on itself, which skips 'exit'.
  const kill = process.kill.bind(process);
  process.kill = ((pid: number, signal?: string | number) => {
    if (pid === process.pid) write();
    return kill(pid, signal);
  }) as typeof process.kill;
}
