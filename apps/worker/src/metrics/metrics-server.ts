import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '@herald/config';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the registry at GET /metrics for Prometheus. A port that cannot be bound is logged and
 * the worker goes on without metrics: publishing matters more than being watched.
 */
export async function startMetricsServer(options: {
  registry: Registry;
  host: string;
  port: number;
  logger: Logger;
}): Promise<MetricsServer | undefined> {
  const { registry, host, port, logger } = options;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not collect metrics');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Could not collect metrics\n');
      },
    );
  });
  try {
    await listen(server, host, port);
  } catch (error) {
    logger.error(
      { host, port, err: error instanceof Error ? error.message : String(error) },
      'metrics server could not start (set WORKER_METRICS_PORT to a free port, or 0 to turn it off); the worker runs without it',
    );
    return undefined;
  }
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics`;
  logger.info({ url }, 'metrics server listening');
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
