import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ApiConfig } from '@herald/config';
import { createMediaFetcher } from '@herald/providers';
import { AppError } from '../../common/app-error';
import { MediaDownloadService } from './media-download.service';

const FIXTURES = path.resolve(__dirname, '../../../../../e2e/fixtures');
const IMAGE_LIMIT = 100_000;
const VIDEO_LIMIT = 1_000_000;

/** A local server: each path answers a body of `size` bytes that starts with `head`; it counts what it sent. */
class Origin {
  private server!: Server;
  sent = new Map<string, number>();
  routes = new Map<string, { head: Buffer; size: number; status?: number }>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const route = this.routes.get(req.url ?? '');
      if (!route) return void res.writeHead(404).end();
      res.writeHead(route.status ?? 200, { 'content-type': 'application/octet-stream' });
      Readable.from(this.chunks(req.url!, route)).pipe(res);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  private *chunks(url: string, { head, size }: { head: Buffer; size: number }): Generator<Buffer> {
    for (let at = 0; at < size; at += 65_536) {
      const chunk = Buffer.alloc(Math.min(65_536, size - at));
      if (at === 0) head.copy(chunk, 0, 0, Math.min(head.length, chunk.length));
      this.sent.set(url, at + chunk.length);
      yield chunk;
    }
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe(MediaDownloadService.name, () => {
  let origin: Origin;
  let other: Origin;
  let uploadDir: string;
  let jpeg: Buffer;
  let mp4: Buffer;

  const service = (allowed = [origin.origin]) =>
    new MediaDownloadService(
      createMediaFetcher({ allowedOrigins: allowed, timeoutMs: 2_000, maxBytes: Number.MAX_SAFE_INTEGER }),
      { UPLOAD_DIR: uploadDir, UPLOAD_MAX_IMAGE_BYTES: IMAGE_LIMIT, UPLOAD_MAX_VIDEO_BYTES: VIDEO_LIMIT } as ApiConfig,
    );
  const incoming = () => readdir(path.join(uploadDir, '.incoming'));

  beforeAll(async () => {
    [origin, other] = await Promise.all([new Origin().start(), new Origin().start()]);
    jpeg = await readFile(path.join(FIXTURES, 'photo.jpg'));
    mp4 = await readFile(path.join(FIXTURES, 'clip.mp4'));
  });
  beforeEach(async () => {
    uploadDir = await mkdtemp(path.join(os.tmpdir(), 'herald-download-'));
  });
  afterEach(() => rm(uploadDir, { recursive: true, force: true }));
  afterAll(() => Promise.all([origin.close(), other.close()]));

  it('should write every byte to the incoming folder and name it after the URL', async () => {
    origin.routes.set('/media/my%20photo.jpg', { head: jpeg, size: jpeg.length });

    const file = await service().download(`${origin.origin}/media/my%20photo.jpg`);

    expect(file).toMatchObject({ size: jpeg.length, originalname: 'my photo.jpg' });
    expect((await readFile(file.path)).equals(jpeg)).toBe(true);
    expect(path.dirname(file.path)).toBe(path.join(uploadDir, '.incoming'));
  });

  it('should stop an image at the image limit with a 413 naming url, and keep nothing', async () => {
    origin.routes.set('/big.jpg', { head: jpeg, size: 50 * IMAGE_LIMIT });

    const error = await errorOf(service().download(`${origin.origin}/big.jpg`));

    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413, extra: { field: 'url' } });
    expect(error.message).toMatch(`${IMAGE_LIMIT} bytes Herald accepts for images`);
    expect(await incoming()).toEqual([]);
  });

  it('should let a video pass the image limit, up to the video limit', async () => {
    origin.routes.set('/clip.mp4', { head: mp4, size: 5 * IMAGE_LIMIT }).set('/long.mp4', { head: mp4, size: 2 * VIDEO_LIMIT });

    const file = await service().download(`${origin.origin}/clip.mp4`);
    const error = await errorOf(service().download(`${origin.origin}/long.mp4`));

    expect(file.size).toBe(5 * IMAGE_LIMIT);
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', extra: { field: 'url' } });
  });

  it('should refuse a file whose first bytes are no media with a 400 naming url, before reading it all', async () => {
    const size = 50 * VIDEO_LIMIT;
    origin.routes.set('/page.html', { head: Buffer.from('<!doctype html><html>'), size });

    const error = await errorOf(service().download(`${origin.origin}/page.html`));

    expect(error).toMatchObject({ code: 'VALIDATION', status: 400, extra: { field: 'url' } });
    expect(error.message).toMatch(/^url must point to an image/);
    expect(origin.sent.get('/page.html')).toBeLessThan(size / 2);
    expect(await incoming()).toEqual([]);
  });

  it('should refuse a loopback origin that is not configured, without connecting to it', async () => {
    other.routes.set('/photo.jpg', { head: jpeg, size: jpeg.length });

    const error = await errorOf(service().download(`${other.origin}/photo.jpg`));

    expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'url' } });
    expect(error.message).toMatch(/^url cannot be downloaded: .*loopback/);
    expect(other.sent.size).toBe(0);
  });

  it.each([
    ['a URL that answers 404', () => `${origin.origin}/missing.jpg`, /HTTP 404/],
    ['a host that does not exist', () => 'http://no-such-host.invalid/photo.jpg', /could not find the media host/],
    ['a URL that is not http', () => 'ftp://example.com/photo.jpg', /http or https/],
  ])('should refuse %s with a 400 naming url', async (_label, url, reason) => {
    const error = await errorOf(service().download(url()));

    expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'url' } });
    expect(error.message).toMatch(reason);
  });
});
