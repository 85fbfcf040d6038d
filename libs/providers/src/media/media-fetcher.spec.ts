import type { Readable } from 'node:stream';
import { ProviderError } from '../provider-error';
import { MediaOrigin, mediaBytes } from '../testing/media-origin';
import { createMediaFetcher, type MediaFetcherOptions } from './media-fetcher';

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error.failure;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe(createMediaFetcher.name, () => {
  let origin: MediaOrigin;
  const fetcher = (overrides: Partial<MediaFetcherOptions> = {}) =>
    createMediaFetcher({ allowedOrigins: [origin.origin], timeoutMs: 2_000, maxBytes: 10_000_000, ...overrides });

  beforeAll(async () => {
    origin = await MediaOrigin.start();
  });
  afterEach(() => origin.reset());
  afterAll(() => origin.close());

  describe('on an origin allowed by configuration', () => {
    it('should read the size and type from HEAD and stream every byte', async () => {
      origin.serve('/clip.mp4', { size: 300_000, contentType: 'video/mp4' });

      const probe = await fetcher().probe(`${origin.origin}/clip.mp4`);
      const bytes = await readAll(await fetcher().stream(`${origin.origin}/clip.mp4`));

      expect(probe).toEqual({ url: `${origin.origin}/clip.mp4`, sizeBytes: 300_000, contentType: 'video/mp4' });
      expect(bytes.equals(mediaBytes(0, 299_999))).toBe(true);
    });

    it('should stream from an offset with Range, and skip the bytes itself when the server ignores Range', async () => {
      origin
        .serve('/ranged.mp4', { size: 5_000, contentType: 'video/mp4' })
        .serve('/plain.mp4', { size: 5_000, contentType: 'video/mp4', ranges: false });

      const ranged = await readAll(await fetcher().stream(`${origin.origin}/ranged.mp4`, 1_234));
      const plain = await readAll(await fetcher().stream(`${origin.origin}/plain.mp4`, 1_234));

      expect(ranged.equals(mediaBytes(1_234, 4_999))).toBe(true);
      expect(plain.equals(mediaBytes(1_234, 4_999))).toBe(true);
      expect(origin.requests.map((request) => request.range)).toEqual(['bytes=1234-', 'bytes=1234-']);
    });

    it('should learn the size from a one-byte ranged GET when HEAD is refused', async () => {
      origin.serve('/no-head.jpg', { size: 4_321, contentType: 'image/jpeg', head: false });

      const probe = await fetcher().probe(`${origin.origin}/no-head.jpg`);

      expect(probe.sizeBytes).toBe(4_321);
      expect(origin.requests).toEqual([
        { method: 'HEAD', path: '/no-head.jpg' },
        { method: 'GET', path: '/no-head.jpg', range: 'bytes=0-0' },
      ]);
    });

    it('should follow a redirect within allowed origins, at most three', async () => {
      origin
        .serve('/file.mp4', { size: 10, contentType: 'video/mp4' })
        .redirect('/a', '/file.mp4')
        .redirect('/d', '/c')
        .redirect('/c', '/b')
        .redirect('/b', '/a');

      const probe = await fetcher().probe(`${origin.origin}/a`);
      const failure = await failureOf(fetcher().probe(`${origin.origin}/d`));

      expect(probe).toMatchObject({ url: `${origin.origin}/file.mp4`, sizeBytes: 10 });
      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false });
      expect(failure.message).toContain('redirects more than 3 times');
    });

    it('should connect to the address it checked, not to what the name resolves to later', async () => {
      origin.serve('/clip.mp4', { size: 10, contentType: 'video/mp4' });
      const host = `media.herald.test:${origin.port}`;
      // The system resolver knows nothing of media.herald.test: only the vetted answer is used.
      const resolve = jest.fn(() => Promise.resolve([{ address: '127.0.0.1', family: 4 as const }]));

      const probe = await fetcher({ allowedOrigins: [`http://${host}`], resolve }).probe(`http://${host}/clip.mp4`);

      expect(probe.sizeBytes).toBe(10);
      expect(resolve).toHaveBeenCalledWith('media.herald.test');
    });
  });

  describe('stalls', () => {
    it('should fail a download whose server stops sending while the reader waits', async () => {
      origin.serve('/stuck.mp4', { size: 100_000, contentType: 'video/mp4', stallAfter: 1_000 });

      const failure = await failureOf(readAll(await fetcher({ timeoutMs: 200 }).stream(`${origin.origin}/stuck.mp4`)));

      expect(failure).toMatchObject({ code: 'MEDIA_UNREACHABLE', retryable: true });
      expect(failure.message).toContain('stopped sending data for 200 ms');
    });

    it('should report a connection the server breaks mid-body as unreachable and worth retrying', async () => {
      origin.serve('/broken.mp4', { size: 5_000_000, contentType: 'video/mp4', breakAfter: 2_000_000 });
      const download = async () => readAll(await fetcher().stream(`${origin.origin}/broken.mp4`));

      const failure = await failureOf(download());

      expect(failure).toMatchObject({ code: 'MEDIA_UNREACHABLE', retryable: true, outcome: 'not-applied' });
    });

    it('should not time out a download the reader pauses (while it uploads elsewhere)', async () => {
      origin.serve('/clip.mp4', { size: 2_000_000, contentType: 'video/mp4' });
      const stream = await fetcher({ timeoutMs: 200 }).stream(`${origin.origin}/clip.mp4`);
      const first = (await stream[Symbol.asyncIterator]().next()).value as Buffer;

      await new Promise((resolve) => setTimeout(resolve, 600));
      const rest = await readAll(stream);

      expect(Buffer.concat([first, rest]).equals(mediaBytes(0, 1_999_999))).toBe(true);
    });
  });

  describe('refusals', () => {
    it('should refuse a loopback server whose origin is not allowed, without connecting to it', async () => {
      origin.serve('/clip.mp4', { size: 10, contentType: 'video/mp4' });

      const failure = await failureOf(fetcher({ allowedOrigins: [] }).probe(`${origin.origin}/clip.mp4`));

      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false, outcome: 'not-applied' });
      expect(failure.message).toContain('127.0.0.1 is a loopback address');
      expect(origin.requests).toHaveLength(0);
    });

    it('should refuse a name that resolves to a private address', async () => {
      const resolve = () => Promise.resolve([{ address: '10.20.30.40', family: 4 as const }]);

      const failure = await failureOf(fetcher({ resolve }).stream('https://media.internal.test/clip.mp4'));

      expect(failure.code).toBe('VALIDATION');
      expect(failure.message).toContain('media.internal.test: it resolves to a private network address (10.20.30.40)');
    });

    it('should refuse a redirect from an allowed origin to a host that is not allowed', async () => {
      origin
        .serve('/clip.mp4', { size: 10, contentType: 'video/mp4' })
        .redirect('/go', `http://localhost:${origin.port}/clip.mp4`);

      const failure = await failureOf(fetcher().probe(`${origin.origin}/go`));

      expect(failure.code).toBe('VALIDATION');
      expect(failure.message).toMatch(/localhost:\d+: it resolves to a loopback address/);
      expect(origin.requests.map((request) => request.path)).toEqual(['/go']);
    });

    it('should refuse IPv4-mapped IPv6 loopback literals and non-http schemes', async () => {
      const mapped = await failureOf(fetcher({ allowedOrigins: [] }).probe('http://[::ffff:127.0.0.1]:9/clip.mp4'));
      const file = await failureOf(fetcher().probe('file:///etc/passwd'));

      expect(mapped.code).toBe('VALIDATION');
      expect(mapped.message).toContain('loopback');
      expect(file).toMatchObject({ code: 'VALIDATION', message: 'The media URL file:///etc/passwd must use http or https.' });
    });

    it('should refuse a file larger than the cap, whether announced or streamed', async () => {
      origin.serve('/big.mp4', { size: 20_000, contentType: 'video/mp4' });

      const probed = await failureOf(fetcher({ maxBytes: 10_000 }).probe(`${origin.origin}/big.mp4`));
      const streamed = await failureOf(fetcher({ maxBytes: 10_000 }).stream(`${origin.origin}/big.mp4`));

      expect(probed.code).toBe('VALIDATION');
      expect(probed.message).toContain('is 20000 bytes, more than the 10000 bytes Herald accepts');
      expect(streamed.code).toBe('VALIDATION');
    });

    it('should report a missing file as unreachable, not worth retrying', async () => {
      const missing = await failureOf(fetcher().probe(`${origin.origin}/nothing.mp4`));

      expect(missing).toMatchObject({ code: 'MEDIA_UNREACHABLE', retryable: false, network: { status: 404 } });
    });
  });
});
