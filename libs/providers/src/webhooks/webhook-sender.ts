import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import axios, { isAxiosError } from 'axios';
import type { ResolvedAddress } from '../media/media-fetcher';
import { type WebhookUrlPolicy, checkWebhookUrl } from './webhook-url.policy';

export interface WebhookRequest {
  url: string;
  /** The exact bytes that were signed. */
  body: string;
  headers: Record<string, string>;
}

/** What one attempt came to; `reason` never quotes the URL (it may carry a token) nor any header. */
export type WebhookSendResult =
  | { kind: 'delivered'; status: number }
  /** Worth another attempt: network error, timeout, 5xx, 408, 429 (`retryAfterMs` when it said). */
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number }
  /** Final: the receiver refused it (4xx), or the URL is one Herald must not call. */
  | { kind: 'rejected'; reason: string; status?: number };

export interface WebhookSenderOptions extends WebhookUrlPolicy {
  /** Deadline for the receiver's answer (its status line and headers). */
  timeoutMs: number;
  now?: () => Date;
}

export type WebhookSender = (request: WebhookRequest) => Promise<WebhookSendResult>;

/** A receiver asking to wait longer than this is retried on Herald's own schedule. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * POSTs one delivery. The URL is checked again first (its DNS may have changed since it was
 * registered) and the request goes to the checked address only; redirects are not followed,
 * since they could lead anywhere.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const now = options.now ?? (() => new Date());
  return async (request) => {
    const check = await checkWebhookUrl(request.url, options);
    if (!check.ok) return check.unresolved ? { kind: 'retry', reason: `the URL ${check.reason}` } : { kind: 'rejected', reason: `the URL ${check.reason}` };
    try {
      const response = await axios.request<Readable>({
        url: check.url.href,
        method: 'POST',
        headers: request.headers,
        data: request.body,
        responseType: 'stream',
        validateStatus: () => true,
        maxRedirects: 0,
        proxy: false,
        timeout: options.timeoutMs,
        transitional: { clarifyTimeoutError: true },
        ...pinnedAgents(check.connectTo),
      });
      // Only the status matters; the body is never read.
      response.data.destroy();
      const retryAfter = response.headers['retry-after'] as unknown;
      return classifyWebhookStatus(response.status, typeof retryAfter === 'string' ? retryAfter : undefined, now());
    } catch (error) {
      return { kind: 'retry', reason: transportReason(error, options.timeoutMs) };
    }
  };
}

/** The retry classification of an answer: 2xx delivered; 408, 429 and 5xx retried; the rest final. */
export function classifyWebhookStatus(status: number, retryAfter: string | undefined, now: Date): WebhookSendResult {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return { kind: 'retry', reason: `the receiver answered ${status}`, status, ...(retryAfterMs !== undefined && { retryAfterMs }) };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'rejected', reason: `the receiver answered ${status} (a redirect, which Herald does not follow: register the final URL)`, status };
  }
  return { kind: 'rejected', reason: `the receiver answered ${status}`, status };
}

/** Retry-After in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function transportReason(error: unknown, timeoutMs: number): string {
  if (!isAxiosError(error)) return `the request failed (${error instanceof Error ? error.name : 'unknown error'})`;
  if (error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED') return `the receiver did not answer within ${timeoutMs} ms`;
  return `the receiver could not be reached (${error.code ?? 'network error'})`;
}

/** Connects to the address that was checked, whatever the name resolves to by now (no DNS rebinding). */
function pinnedAgents(target: ResolvedAddress): { httpAgent: HttpAgent; httpsAgent: HttpsAgent } {
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  return { httpAgent: new HttpAgent({ lookup }), httpsAgent: new HttpsAgent({ lookup }) };
}
