import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from './sandbox.app';
import type { SandboxOptions } from './sandbox-options.types';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:3900 */
  url: string;
  port: number;
  sandbox: SandboxApp;
  server: Server;
  /** Stops accepting calls, ends open connections, then writes the state file. */
  close(): Promise<void>;
}

/** Starts the sandbox on host:port (port 0 picks a free one). */
export async function startSandboxServer(options: SandboxOptions & { host?: string; port?: number } = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const sandbox = createSandboxApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = sandbox.app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    sandbox,
    server,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await sandbox.close();
    },
  };
}
