import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { ConnectionPool } from '../connection-pool';
import { ProviderError } from '../provider-error';
import { describeTransportFailure } from '../transport-failure.util';
import { classifyMetaError, classifyMetaTransportFailure } from './meta.errors';

export type GraphValue = string | number | boolean | readonly GraphValue[] | { readonly [key: string]: GraphValue };
export type GraphParams = Readonly<Record<string, GraphValue | undefined>>;

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com or http://127.0.0.1:3900/graph.facebook.com */
  baseUrl: string;
  /** e.g. v21.0; empty for unversioned paths. */
  version: string;
  timeoutMs: number;
  /** Calls in flight at once to this host; more wait their turn (connection-pool.ts). */
  maxConnections: number;
}

/**
 * A thin Graph API client: every failure leaves it as a classified ProviderError, never as an
 * axios error (whose config holds the access token).
 */
export class GraphClient {
  private readonly http: AxiosInstance;
  private readonly pool: ConnectionPool;

  constructor(options: GraphClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const version = options.version.replace(/^\/+|\/+$/g, '');
    this.pool = new ConnectionPool(options.maxConnections);
    this.http = axios.create({
      baseURL: version ? `${base}/${version}` : base,
      timeout: options.timeoutMs,
      ...this.pool.agents,
      // Statuses are classified below together with the body, so axios must not throw on them.
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true },
      headers: { Accept: 'application/json' },
    });
  }

  /** A read: safe to repeat whatever happens. */
  get(path: string, token: string, params: GraphParams = {}): Promise<unknown> {
    return this.send({ method: 'GET', url: path, params: { ...defined(params), access_token: token } }, false);
  }

  /** A write: when its answer is lost, Meta may have applied it. Params travel as a JSON body. */
  post(path: string, token: string, body: GraphParams, query: GraphParams = {}): Promise<unknown> {
    return this.send(
      { method: 'POST', url: path, params: { ...defined(query), access_token: token }, data: defined(body) },
      true,
    );
  }

  private async send(config: AxiosRequestConfig, write: boolean): Promise<unknown> {
    let response: AxiosResponse<unknown>;
    try {
      response = await this.pool.run(() => this.http.request<unknown>(config));
    } catch (error) {
      const transport = describeTransportFailure(error);
      if (transport) throw new ProviderError(classifyMetaTransportFailure(transport, { write }));
      // Not a network failure: the request could not even be built. Nothing was sent.
      throw new ProviderError({
        code: 'INTERNAL',
        message: 'Herald could not build its request to Meta.',
        retryable: false,
        outcome: 'not-applied',
      });
    }
    if (response.status >= 200 && response.status < 300) return response.data;
    const headers = { 'x-business-use-case-usage': response.headers['x-business-use-case-usage'] as unknown };
    throw new ProviderError(classifyMetaError(response.status, response.data, { write, headers }));
  }
}

/** `/a/b` from ids, each encoded: an id is data, never path syntax. */
export function graphPath(...segments: string[]): string {
  return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

function defined(params: GraphParams): Record<string, GraphValue> {
  const result: Record<string, GraphValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}
