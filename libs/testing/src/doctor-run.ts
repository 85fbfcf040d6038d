import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './test-env';

export interface DoctorRun {
  code: number | null;
  stdout: string;
  ms: number;
}

export interface DoctorJson {
  status: string;
  checks: Array<{ name: string; status: string; detail: string; fix?: string }>;
}

/** Runs the doctor as an operator does, from the build, with a stack's environment. */
export function runDoctor(env: NodeJS.ProcessEnv, args: string[] = []): Promise<DoctorRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/api/dist/cli/doctor.js'), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, ms: Date.now() - started });
    });
  });
}
