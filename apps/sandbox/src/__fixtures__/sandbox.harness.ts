// Test-only helpers (this folder is left out of the build): a sandbox on an ephemeral port, a
// tiny media server for it to download from, and typed calls to both.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createLogger } from '@herald/config';
import { startSandboxServer, type RunningSandbox } from '../sandbox.server';
import type { SandboxOptions } from '../sandbox-options.types';
import type { MetaAccountView } from '../meta/accounts/meta-account.view';

export const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, name));

/** A JPEG header that declares width x height, padded with zeros to `bytes` (the sandbox reads headers only). */
export function jpegOfSize(width: number, height: number, bytes = 1024): Buffer {
  const sof = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03]);
  return Buffer.concat([sof, Buffer.alloc(Math.max(0, bytes - sof.length))]);
}

export interface MediaServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/**
 * Serves the fixtures, plus /missing (404), /page.html, /slow.jpg (answers after 2 s), /big.jpg
 * (9 MiB) and /redirect.mp4 (302 to /clip.mp4).
 */
export async function startMediaServer(): Promise<MediaServer> {
  const files: Record<string, { type: string; body: Buffer }> = {
    '/square.jpg': { type: 'image/jpeg', body: fixture('square.jpg') },
    '/tall.jpg': { type: 'image/jpeg', body: fixture('tall.jpg') },
    '/square.png': { type: 'image/png', body: fixture('square.png') },
    '/clip.mp4': { type: 'video/mp4', body: fixture('clip.mp4') },
    '/wide.jpg': { type: 'image/jpeg', body: jpegOfSize(1910, 1000) },
    '/panorama.jpg': { type: 'image/jpeg', body: jpegOfSize(2000, 1000) },
    '/big.jpg': { type: 'image/jpeg', body: jpegOfSize(1080, 1080, 9 * 1024 * 1024) },
    '/page.html': { type: 'text/html', body: Buffer.from('<!doctype html><title>not media</title>') },
    // Named like a video, but it is a PNG: the sandbox must judge by the bytes.
    '/fake.mp4': { type: 'video/mp4', body: fixture('square.png') },
  };
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    if (url === '/slow.jpg') {
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(fixture('square.jpg')), 2000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (url === '/redirect.mp4') {
      res.writeHead(302, { location: '/clip.mp4' }).end();
      return;
    }
    const file = files[url];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface GraphRequest {
  host?: 'graph.facebook.com' | 'graph.instagram.com';
  version?: string | null;
  token?: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
}

export interface Harness {
  sandbox: RunningSandbox;
  media: MediaServer;
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
  graph<T = Record<string, unknown>>(method: string, path: string, request?: GraphRequest): Promise<HttpResult<T>>;
  account(network: 'facebook' | 'instagram', extra?: Record<string, unknown>): Promise<MetaAccountView>;
  close(): Promise<void>;
}

async function call<T>(url: string, init: RequestInit): Promise<HttpResult<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
}

export function graphUrl(base: string, path: string, request: GraphRequest = {}): string {
  const version = request.version === undefined ? 'v21.0' : request.version;
  const url = new URL(`${base}/${request.host ?? 'graph.facebook.com'}${version ? `/${version}` : ''}${path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  if (request.token) url.searchParams.set('access_token', request.token);
  return url.toString();
}

export function graphInit(method: string, request: GraphRequest = {}): RequestInit {
  if (request.json !== undefined) return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json) };
  if (request.form !== undefined) return { method, body: new URLSearchParams(request.form) };
  return { method };
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const media = await startMediaServer();
  const sandbox = await startSandboxServer({ processingPolls: 2, mediaFetchTimeoutMs: 1000, logger: createLogger('sandbox-test', 'silent'), ...options });
  const harness: Harness = {
    sandbox,
    media,
    admin: (method, p, body) =>
      call(`${sandbox.url}/__sandbox${p}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    graph: (method, p, request = {}) => call(graphUrl(sandbox.url, p, request), graphInit(method, request)),
    account: async (network, extra = {}) => {
      const created = await harness.admin<MetaAccountView>('POST', '/accounts', { network, ...extra });
      if (created.status !== 201) throw new Error(`account creation failed: ${JSON.stringify(created.body)}`);
      return created.body;
    },
    close: async () => {
      await sandbox.close();
      await media.close();
    },
  };
  return harness;
}

/** The Graph error envelope's `error` object. */
export interface GraphErrorShape {
  error: { message: string; type: string; code: number; error_subcode?: number; is_transient: boolean; fbtrace_id: string; error_user_title?: string; error_user_msg?: string };
}
