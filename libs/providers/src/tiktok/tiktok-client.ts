import type { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { parseJsonExactly } from '../exact-json.util';
import { type JsonObject, objectField } from '../json-fields.util';
import { ConnectionPool } from '../connection-pool';
import { ProviderError } from '../provider-error';
import { describeTransportFailure } from '../transport-failure.util';
import {
  classifyTikTokError,
  classifyTikTokTransportFailure,
  parseTikTokError,
  type TikTokCallContext,
  type TikTokCallEffect,
} from './tiktok.errors';

export interface TikTokClientOptions {
  /** e.g. https://open.tiktokapis.com or http://127.0.0.1:3900/open.tiktokapis.com */
  baseUrl: string;
  timeoutMs: number;
  /** Calls in flight at once to the API host; more wait their turn (connection-pool.ts). */
  maxConnections: number;
  now: () => Date;
}

export interface TikTokCall {
  effect: TikTokCallEffect;
  mediaUrl?: string;
}

/** An answer read as it came (status, headers, body), for callers that classify it themselves. */
export interface RawAnswer {
  status: number;
  headers: Readonly<Record<string, unknown>>;
  body: unknown;
}

/**
 * A thin client for TikTok's open API: every failure leaves it as a classified ProviderError,
 * never as an axios error (whose config holds the access token). Bodies are parsed with long
 * integers kept exact, since TikTok's post ids do not fit in a double.
 */
export class TikTokClient {
  private readonly api: AxiosInstance;
  private readonly pool: ConnectionPool;
  private readonly uploads: AxiosInstance;

  constructor(private readonly options: TikTokClientOptions) {
    const exact = {
      responseType: 'text' as const,
      transformResponse: [(data: unknown) => (typeof data === 'string' ? parseJsonExactly(data) : data)],
      // Statuses are classified together with the body, so axios must not throw on them.
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true },
    };
    this.pool = new ConnectionPool(options.maxConnections);
    this.api = axios.create({ ...exact, baseURL: options.baseUrl.replace(/\/+$/, ''), timeout: options.timeoutMs, ...this.pool.agents });
    this.uploads = axios.create({ ...exact, maxBodyLength: Infinity, maxContentLength: 1_000_000 });
  }

  /** A JSON call with the user's token; answers the envelope's `data` once `error.code` is ok. */
  async post(path: string, token: string, body: JsonObject, call: TikTokCall, params?: Record<string, string>): Promise<JsonObject> {
    const answer = await this.send(
      {
        method: 'POST',
        url: path,
        params,
        data: body,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=UTF-8' },
      },
      call,
    );
    const context: TikTokCallContext = { ...call, headers: answer.headers, now: this.options.now() };
    // TikTok answers some refusals with HTTP 200: the envelope decides, not the status alone.
    if (answer.status < 200 || answer.status >= 300 || parseTikTokError(answer.body)) {
      throw new ProviderError(classifyTikTokError(answer.status, answer.body, context));
    }
    return objectField(answer.body, 'data') ?? {};
  }

  /** The OAuth token endpoint: a form body, answered as it came (OAuth errors may carry HTTP 200). */
  token(path: string, form: Record<string, string>): Promise<RawAnswer> {
    return this.send(
      {
        method: 'POST',
        url: path,
        data: new URLSearchParams(form).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Cache-Control': 'no-cache' },
      },
      { effect: 'read' },
    );
  }

  /**
   * One upload chunk to TikTok's upload URL (which carries its own upload token: no bearer).
   * Transport failures are thrown as they came, for the uploader to judge by chunk position.
   */
  async putChunk(uploadUrl: string, body: Readable, headers: Record<string, string>, timeoutMs: number): Promise<RawAnswer> {
    const response = await this.uploads.request<unknown>({ method: 'PUT', url: uploadUrl, data: body, headers, timeout: timeoutMs });
    return { status: response.status, headers: response.headers as Record<string, unknown>, body: response.data };
  }

  private async send(config: AxiosRequestConfig, call: TikTokCall): Promise<RawAnswer> {
    let response: AxiosResponse<unknown>;
    try {
      response = await this.pool.run(() => this.api.request<unknown>(config));
    } catch (error) {
      const transport = describeTransportFailure(error);
      if (transport) throw new ProviderError(classifyTikTokTransportFailure(transport, { ...call, now: this.options.now() }));
      // Not a network failure: the request could not even be built. Nothing was sent.
      throw new ProviderError({ code: 'INTERNAL', message: 'Herald could not build its request to TikTok.', retryable: false, outcome: 'not-applied' });
    }
    return { status: response.status, headers: response.headers as Record<string, unknown>, body: response.data };
  }
}
