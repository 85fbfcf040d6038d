// Test-only (not exported from the package): a local HTTP server that answers recorded network
// responses from fixture files and records every request, so adapter specs can assert both what
// was sent and what came back, over a real socket.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface FixtureReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Read the whole request, then destroy the socket without answering (lost answer). */
  destroySocket?: boolean;
  /** Answer only after this long (to outlast the client's timeout). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** JSON and form bodies, parsed; empty for any other type. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Size and SHA-256 (hex) of the raw body, for binary uploads. */
  bytes: number;
  sha256: string;
}

export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, FixtureReply[]>();

  private readonly server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const reply = this.answer(req, raw);
      if (reply.destroySocket) {
        req.socket.destroy();
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });

  private constructor() {}

  static async start(): Promise<FixtureServer> {
    const fixtureServer = new FixtureServer();
    await new Promise<void>((resolve) => fixtureServer.server.listen(0, '127.0.0.1', resolve));
    return fixtureServer;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Replies for `METHOD path`, in order; the last one repeats. */
  on(method: string, path: string, ...replies: FixtureReply[]): this {
    this.routes.set(`${method} ${path}`, replies);
    return this;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  reset(): void {
    this.requests.length = 0;
    this.routes.clear();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, raw: Buffer): FixtureReply {
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(req.headers['content-type'] ?? '', raw),
      headers: req.headers,
      bytes: raw.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
    });
    const replies = this.routes.get(`${method} ${url.pathname}`);
    if (!replies || replies.length === 0) {
      return { status: 404, body: `no fixture for ${method} ${url.pathname}` };
    }
    return replies.length > 1 ? replies.shift()! : replies[0]!;
  }
}

/** A port nothing listens on: connections to it are refused. */
export async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Reads `fixtures/<name>` beside the calling spec. */
export function fixtureLoader(directory: string): (name: string) => unknown {
  return (name) => JSON.parse(readFileSync(join(directory, 'fixtures', name), 'utf8')) as unknown;
}

/** Reads `fixtures/<name>` as text, for bodies JSON.parse would alter (integers above 2^53). */
export function rawFixtureLoader(directory: string): (name: string) => string {
  return (name) => readFileSync(join(directory, 'fixtures', name), 'utf8');
}

function parseBody(type: string, raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (type.includes('json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (type.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  return {};
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
