import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { type Readable, Transform } from 'node:stream';
import axios, { type AxiosResponse, isAxiosError } from 'axios';
import type { PublishFailure } from '@herald/domain';
import { ProviderError } from '../provider-error';
import { addressCategory, describeAddressCategory } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface MediaFetcherOptions {
  /**
   * Origins fetched even when they resolve to a private or loopback address: Herald's own
   * MEDIA_PUBLIC_URL and the sandbox. Every other host must resolve to a public address.
   */
  allowedOrigins: readonly string[];
  /** Deadline for the answer's headers, and the longest stall while the body is being read. */
  timeoutMs: number;
  /** Larger files are refused. */
  maxBytes: number;
  /** Name resolution; the system resolver unless a test replaces it. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface MediaProbe {
  /** Where the file was found, after redirects. */
  url: string;
  sizeBytes: number;
  contentType?: string;
}

/** Reads media from URLs that users gave, without letting them point Herald at its own network. */
export interface MediaFetcher {
  /** The size and type of the file, from its headers (HEAD, else a one-byte ranged GET). */
  probe(url: string): Promise<MediaProbe>;
  /** The file's bytes from `fromByte` (a ranged GET; bytes are skipped when Range is ignored). */
  stream(url: string, fromByte?: number): Promise<Readable>;
}

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A fetcher that resolves each host once, checks the address, and connects to that address only. */
export function createMediaFetcher(options: MediaFetcherOptions): MediaFetcher {
  const allowed = new Set(options.allowedOrigins.map(originOf).filter((origin): origin is string => origin !== undefined));
  const resolve = options.resolve ?? systemResolve;

  async function vet(url: URL): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const family = isIP(host);
    const literal = family === 4 || family === 6;
    const candidates: ResolvedAddress[] = literal ? [{ address: host, family }] : await resolveOrFail(resolve, url);
    if (allowed.has(url.origin)) return candidates[0]!;
    // Any public answer will do: the connection goes to that one address and no other.
    const publicAddress = candidates.find((candidate) => addressCategory(candidate.address) === 'public');
    if (publicAddress) return publicAddress;
    const { address } = candidates[0]!;
    const category = addressCategory(address);
    const what = category && category !== 'public' ? describeAddressCategory(category) : 'not an IP address';
    const why = literal ? `${host} is ${what}` : `it resolves to ${what} (${address})`;
    throw refused(`Herald does not fetch media from ${url.host}: ${why}. Media must be on a public address or on Herald's own media URL.`);
  }

  /** One request per hop, each hop's host checked before connecting to the checked address. */
  async function send(url: string, method: 'HEAD' | 'GET', headers: Record<string, string>): Promise<{ url: URL; response: AxiosResponse<Readable> }> {
    let current = parseMediaUrl(url);
    for (let hop = 0; ; hop++) {
      const target = await vet(current);
      const response = await request(current, method, headers, target, options.timeoutMs);
      const location = response.headers['location'] as unknown;
      if (!REDIRECT_STATUSES.has(response.status) || typeof location !== 'string') return { url: current, response };
      response.data.destroy();
      if (hop >= MAX_REDIRECTS) throw refused(`${url} redirects more than ${MAX_REDIRECTS} times; use the file's final URL.`);
      current = parseMediaUrl(new URL(location, current).href);
    }
  }

  return {
    async probe(url) {
      let { url: finalUrl, response } = await send(url, 'HEAD', {});
      response.data.destroy();
      let sizeBytes = contentLength(response);
      if (!isOk(response.status) || sizeBytes === undefined) {
        // HEAD may be refused (405, or 403 on URLs signed for GET only) or carry no length.
        if (response.status === 404 || response.status === 410) throw httpFailure(url, response.status);
        ({ url: finalUrl, response } = await send(url, 'GET', { Range: 'bytes=0-0' }));
        response.data.destroy();
        if (!isOk(response.status)) throw httpFailure(url, response.status);
        sizeBytes = response.status === 206 ? rangeTotal(response) : contentLength(response);
      }
      if (sizeBytes === undefined) {
        throw new ProviderError(unreachable(`${url} does not say how large the file is (no Content-Length), so it cannot be uploaded.`, false));
      }
      if (sizeBytes > options.maxBytes) throw tooLarge(url, sizeBytes, options.maxBytes);
      const contentType = headerText(response, 'content-type');
      return contentType ? { url: finalUrl.href, sizeBytes, contentType } : { url: finalUrl.href, sizeBytes };
    },

    async stream(url, fromByte = 0) {
      const { response } = await send(url, 'GET', fromByte > 0 ? { Range: `bytes=${fromByte}-` } : {});
      if (!isOk(response.status)) {
        response.data.destroy();
        throw httpFailure(url, response.status);
      }
      const ranged = response.status === 206;
      if (ranged && rangeStart(response) !== fromByte) {
        response.data.destroy();
        throw new ProviderError(unreachable(`${url} answered a different byte range than the one asked for.`, true));
      }
      const declared = contentLength(response);
      const totalIfWhole = ranged ? rangeTotal(response) : declared;
      if (totalIfWhole !== undefined && totalIfWhole > options.maxBytes) {
        response.data.destroy();
        throw tooLarge(url, totalIfWhole, options.maxBytes);
      }
      // The deadline for the headers is over; from here the watchdog below times out stalls only.
      (response.request as ClientRequest | undefined)?.setTimeout(0);
      return guardedBody(response.data, {
        url,
        skip: ranged ? 0 : fromByte,
        maxBytes: options.maxBytes - (ranged ? fromByte : 0),
        stallMs: options.timeoutMs,
      });
    },
  };
}

async function request(
  url: URL,
  method: 'HEAD' | 'GET',
  headers: Record<string, string>,
  target: ResolvedAddress,
  timeoutMs: number,
): Promise<AxiosResponse<Readable>> {
  // Connect to the address that was checked, whatever the name resolves to by now (no DNS
  // rebinding window). TLS still verifies the certificate against the host name.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  try {
    return await axios.request<Readable>({
      url: url.href,
      method,
      headers: { Accept: '*/*', 'Accept-Encoding': 'identity', ...headers },
      responseType: 'stream',
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      decompress: false,
      timeout: timeoutMs,
      transitional: { clarifyTimeoutError: true },
      httpAgent: new HttpAgent({ lookup }),
      httpsAgent: new HttpsAgent({ lookup }),
    });
  } catch (error) {
    throw transportFailure(url.href, error);
  }
}

interface GuardOptions {
  url: string;
  skip: number;
  maxBytes: number;
  stallMs: number;
}

/**
 * Passes the body on, dropping the first `skip` bytes (a server that ignored Range), refusing
 * more than `maxBytes`, and failing when the server stalls while the reader waits for data.
 */
function guardedBody(source: Readable, { url, skip, maxBytes, stallMs }: GuardOptions): Readable {
  let toSkip = skip;
  let passed = 0;
  let lastData = Date.now();
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      lastData = Date.now();
      let data = chunk;
      if (toSkip > 0) {
        const dropped = Math.min(toSkip, data.length);
        toSkip -= dropped;
        data = data.subarray(dropped);
      }
      passed += data.length;
      if (passed > maxBytes) {
        callback(tooLarge(url, passed, maxBytes));
        return;
      }
      callback(null, data.length > 0 ? data : undefined);
    },
  });
  const watchdog = setInterval(() => {
    // A full buffer means the reader is the slow side (it uploads elsewhere), not the server.
    const readerWaiting = body.readableLength < body.readableHighWaterMark;
    if (readerWaiting && Date.now() - lastData > stallMs) {
      body.destroy(new ProviderError(unreachable(`${url} stopped sending data for ${stallMs} ms.`, true)));
    }
  }, Math.max(20, Math.floor(stallMs / 4)));
  watchdog.unref();
  body.once('close', () => {
    clearInterval(watchdog);
    source.destroy();
  });
  // Not stream.pipeline: it would hand the reader the socket's raw error instead of a failure.
  source.once('error', (error) => body.destroy(transportFailure(url, error)));
  source.pipe(body);
  return body;
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

async function resolveOrFail(resolve: NonNullable<MediaFetcherOptions['resolve']>, url: URL): Promise<ResolvedAddress[]> {
  let answers: ResolvedAddress[];
  try {
    answers = await resolve(url.hostname);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const retryable = code !== 'ENOTFOUND' && code !== 'ENODATA';
    throw new ProviderError({ ...unreachable(`Herald could not find the media host ${url.hostname}.`, retryable), network: { code: String(code ?? 'DNS') } });
  }
  if (answers.length === 0) throw new ProviderError(unreachable(`Herald could not find the media host ${url.hostname}.`, false));
  return answers;
}

function parseMediaUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused(`The media URL ${text} is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(`The media URL ${text} must use http or https.`);
  if (url.username || url.password) throw refused('The media URL must not carry a user name or password.');
  return url;
}

function originOf(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

function headerText(response: AxiosResponse, name: string): string | undefined {
  const value = response.headers[name] as unknown;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function contentLength(response: AxiosResponse): number | undefined {
  const value = headerText(response, 'content-length');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `Content-Range: bytes 0-0/12345` → 12345. */
function rangeTotal(response: AxiosResponse): number | undefined {
  const match = /^bytes \d+-\d+\/(\d+)$/.exec(headerText(response, 'content-range') ?? '');
  return match ? Number(match[1]) : undefined;
}

function rangeStart(response: AxiosResponse): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(headerText(response, 'content-range') ?? '');
  return match ? Number(match[1]) : undefined;
}

function refused(message: string): ProviderError {
  return new ProviderError({ code: 'VALIDATION', message, retryable: false, outcome: 'not-applied' });
}

function unreachable(message: string, retryable: boolean): PublishFailure {
  return { code: 'MEDIA_UNREACHABLE', message, retryable, outcome: 'not-applied' };
}

function tooLarge(url: string, bytes: number, maxBytes: number): ProviderError {
  return refused(`The media at ${url} is ${megabytes(bytes)}, more than the ${megabytes(maxBytes)} Herald accepts.`);
}

function megabytes(bytes: number): string {
  return bytes < 1_048_576 ? `${bytes} bytes` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function httpFailure(url: string, status: number): ProviderError {
  // The server's own trouble may pass; a missing or forbidden file will not.
  const retryable = status >= 500 || status === 408 || status === 429;
  return new ProviderError({ ...unreachable(`The media server answered HTTP ${status} for ${url}.`, retryable), network: { status } });
}

function transportFailure(url: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const code = isAxiosError(error) ? error.code : (error as { code?: unknown } | undefined)?.code;
  const reason = typeof code === 'string' ? code : 'UNKNOWN';
  return new ProviderError({ ...unreachable(`Herald could not download ${url} (${reason}).`, true), network: { code: reason } });
}
