// Posts that fall due together call their network together: the client keeps at most
// maxConnections calls (and connections) open to the host, queues the rest, and times a call
// only once it goes out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphClient } from './meta/graph-client';

describe('ConnectionPool, through GraphClient', () => {
  let server: Server;
  let open = 0;
  let mostOpen = 0;
  let origin: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      // Each answer takes 300 ms.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}'), 300);
    });
    server.on('connection', (socket) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      socket.on('close', () => open--);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should open at most maxConnections to the host, and answer every queued call although the queue outlasts the timeout', async () => {
    const graph = new GraphClient({ baseUrl: origin, version: 'v21.0', timeoutMs: 1_000, maxConnections: 2 });
    const started = Date.now();

    const answers = await Promise.all(Array.from({ length: 10 }, () => graph.get('/me', 'token')));

    expect(answers).toEqual(Array.from({ length: 10 }, () => ({ id: '1' })));
    expect(mostOpen).toBe(2);
    // Five rounds of two: longer than one call's timeout, which counts only from when the call goes out.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  });
});
