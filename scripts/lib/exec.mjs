import { spawn, spawnSync } from 'node:child_process';

/** Runs a command to completion; resolves with its output, rejects with it on failure. */
export function run(command, args, { env = process.env, cwd, inherit = false, timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (err += d));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout: out, stderr: err });
      else {
        const e = new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n${out}${err}`.trim());
        e.stdout = out;
        e.stderr = err;
        e.code = code;
        reject(e);
      }
    });
  });
}

export function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
