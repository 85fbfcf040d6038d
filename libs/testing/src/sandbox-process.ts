import { AppProcess, waitForHttp } from './app-process';
import { freePort } from './free-port';
import { SandboxAdmin } from './sandbox-admin';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:41234; the networks live under it (`${url}/graph.facebook.com`, ...). */
  url: string;
  admin: SandboxAdmin;
  process: AppProcess;
  stop(): Promise<void>;
}

/**
 * Starts only the sandbox, from its build, on a free port: for suites that drive the provider
 * adapters directly and need neither the API nor a worker. `env` adds or overrides SANDBOX_*
 * settings (apps/sandbox/README.md).
 */
export async function startSandbox(env: NodeJS.ProcessEnv = {}): Promise<RunningSandbox> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = new AppProcess('sandbox', 'apps/sandbox/dist/main.js', {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SANDBOX_HOST: '127.0.0.1',
    SANDBOX_PORT: String(port),
    ...env,
  }).start();
  try {
    await waitForHttp(`${url}/__sandbox/health`, 30_000);
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  return { url, admin: new SandboxAdmin(url), process: sandbox, stop: () => sandbox.stop() };
}
