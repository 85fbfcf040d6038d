import type { PublishFailure } from '@herald/domain';
import { objectField, stringField } from '../json-fields.util';
import type { TransportFailure } from '../transport-failure.util';
import {
  TIKTOK_ERROR_RULES,
  TIKTOK_FAIL_REASONS,
  TRANSIENT_TIKTOK_ERROR,
  type TikTokErrorRule,
  UNKNOWN_FAIL_REASON,
  UNKNOWN_TIKTOK_ERROR,
} from './tiktok-error-rules';

/**
 * What a call can change on TikTok, which decides what a lost or failed answer means:
 * - `read`: nothing; try again.
 * - `invisible-write`: creates something nobody sees (a FILE_UPLOAD init: TikTok publishes
 *   nothing until every byte is uploaded); a lost answer is harmless and the step may run again.
 * - `publishing-write`: may publish (a PULL_FROM_URL init: TikTok may already be downloading);
 *   a lost answer is an unknown outcome to reconcile.
 */
export type TikTokCallEffect = 'read' | 'invisible-write' | 'publishing-write';

export interface TikTokCallContext {
  effect: TikTokCallEffect;
  /** The media URL TikTok was asked to download (url_ownership_unverified names its origin). */
  mediaUrl?: string;
  /** Response headers, lower-cased (axios' form); Retry-After extends a rate-limit wait. */
  headers?: Readonly<Record<string, unknown>>;
  now: Date;
}

/** The fields of TikTok's `{ error: { code, message, log_id } }` envelope. */
export interface TikTokApiError {
  code?: string;
  message?: string;
  logId?: string;
}

const QUOTE_LIMIT = 300;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The envelope's error when it is not `ok`; undefined for a success or a body without one. */
export function parseTikTokError(body: unknown): TikTokApiError | undefined {
  const error = objectField(body, 'error');
  if (!error) return undefined;
  const code = stringField(error, 'code');
  if (code === 'ok') return undefined;
  const parsed: TikTokApiError = {
    code,
    message: stringField(error, 'message'),
    logId: stringField(error, 'log_id') ?? stringField(error, 'logid'),
  };
  return parsed.code === undefined && parsed.message === undefined ? undefined : parsed;
}

/**
 * Classifies a TikTok answer that is not a success, on the HTTP status and the envelope's
 * `error.code` (TikTok answers some refusals with HTTP 200), never on the wording.
 */
export function classifyTikTokError(status: number, body: unknown, context: TikTokCallContext): PublishFailure {
  const error = parseTikTokError(body);
  const network = networkFields(status, error);
  if (status >= 500 || error?.code === 'internal_error') return { ...serverFailure(context.effect), network };
  const rule =
    (error?.code !== undefined ? TIKTOK_ERROR_RULES[error.code] : undefined) ??
    (status === 429 ? TIKTOK_ERROR_RULES['rate_limit_exceeded'] : undefined) ??
    (status === 401 && error?.code === undefined ? TIKTOK_ERROR_RULES['access_token_invalid'] : undefined);
  if (!rule) {
    if (error?.code === undefined) return withoutEnvelope(status, network);
    return { ...failureFrom(UNKNOWN_TIKTOK_ERROR, context, error.message), network };
  }
  return { ...failureFrom(rule, context, error?.message), network };
}

/** A request that got no HTTP answer at all. */
export function classifyTikTokTransportFailure(transport: TransportFailure, context: TikTokCallContext): PublishFailure {
  const network = { code: transport.reason };
  if (!transport.maybeSent) {
    return { code: 'NETWORK_UNAVAILABLE', message: 'Herald could not reach TikTok; it will try again.', retryable: true, outcome: 'not-applied', network };
  }
  if (context.effect === 'publishing-write') {
    return {
      code: 'OUTCOME_UNKNOWN',
      message: 'The connection to TikTok broke after the post was sent, so TikTok may be publishing it; Herald ' +
        'will check before doing anything else.',
      retryable: false,
      outcome: 'unknown',
      network,
    };
  }
  return { code: 'NETWORK_UNAVAILABLE', message: 'The connection to TikTok failed; Herald will try again.', retryable: true, outcome: 'not-applied', network };
}

/**
 * A FAILED status fetch: TikTok gave up on the post, so nothing was published. The verdict is
 * final for that publish_id, so a retryable one also asks for a new preparation: asking about
 * the same publish_id again (Temporal retrying the confirm step) could never succeed.
 */
export function classifyTikTokFailReason(reason: string | undefined, now: Date): PublishFailure {
  const rule = (reason ? TIKTOK_FAIL_REASONS[reason] : undefined) ?? UNKNOWN_FAIL_REASON;
  const failure = failureFrom(rule, { effect: 'read', now }, undefined);
  const message = rule === UNKNOWN_FAIL_REASON && reason ? `${failure.message} TikTok said: "${quote(reason)}"` : failure.message;
  const classified: PublishFailure = { ...failure, message, network: reason ? { code: reason } : {} };
  if (classified.retryable) classified.prepareAgain = true;
  return classified;
}

function failureFrom(rule: TikTokErrorRule, context: TikTokCallContext, tiktokMessage: string | undefined): PublishFailure {
  let message = rule.message;
  if (rule.namesMediaOrigin) message = unverifiedUrlMessage(context.mediaUrl);
  if (rule.quoteTikTok && tiktokMessage?.trim()) message = `${message} TikTok said: "${quote(tiktokMessage)}"`;
  const failure: PublishFailure = { code: rule.code, message, retryable: rule.retryable, outcome: 'not-applied' };
  const retryAfterMs = waitFor(rule, context);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  if (rule.tokenRejected) failure.tokenRejected = true;
  if (rule.prepareAgain) failure.prepareAgain = true;
  return failure;
}

/** TikTok downloads PULL_FROM_URL media only from a domain or URL prefix verified for the app. */
export function unverifiedUrlMessage(mediaUrl: string | undefined): string {
  const origin = originOf(mediaUrl);
  const what = origin ? `the media host ${origin}` : 'the media host';
  return `TikTok downloads media only from URLs verified for Herald's TikTok app: verify ${what} (domain or ` +
    'URL prefix) in the TikTok developer portal, or keep the media on a host that is verified.';
}

function serverFailure(effect: TikTokCallEffect): PublishFailure {
  switch (effect) {
    case 'read':
      return { code: 'NETWORK_UNAVAILABLE', message: TRANSIENT_TIKTOK_ERROR.message, retryable: true, outcome: 'not-applied' };
    case 'invisible-write':
      return {
        code: 'NETWORK_UNAVAILABLE',
        message: 'TikTok failed while starting the upload; nothing was published and Herald will try again.',
        retryable: true,
        outcome: 'not-applied',
      };
    case 'publishing-write':
      return {
        code: 'OUTCOME_UNKNOWN',
        message: 'TikTok failed while taking the post, so it may be publishing it anyway; Herald will check before ' +
          'doing anything else.',
        retryable: false,
        outcome: 'unknown',
      };
  }
}

function withoutEnvelope(status: number, network: PublishFailure['network']): PublishFailure {
  if (status === 408) {
    return { code: 'NETWORK_UNAVAILABLE', message: 'TikTok timed out waiting for the request; Herald will try again.', retryable: true, outcome: 'not-applied', network };
  }
  return {
    code: 'INTERNAL',
    message: `TikTok answered HTTP ${status} without an error description; check the TikTok API address Herald is configured with.`,
    retryable: false,
    outcome: 'not-applied',
    network,
  };
}

function waitFor(rule: TikTokErrorRule, context: TikTokCallContext): number | undefined {
  const ruleMs = rule.retryAfterMs === 'tomorrow' ? Math.max(HOUR, untilNextUtcDay(context.now)) : rule.retryAfterMs;
  if (rule.code !== 'RATE_LIMITED') return ruleMs;
  const announced = retryAfterHeaderMs(context.headers?.['retry-after'], context.now);
  if (announced === undefined) return ruleMs;
  // TikTok's own figure replaces the per-minute guess but never shortens a daily cap.
  return Math.max(1_000, announced, ruleMs !== undefined && ruleMs > MINUTE ? ruleMs : 0);
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterHeaderMs(value: unknown, now: Date): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

function untilNextUtcDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function quote(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim();
  return words.length > QUOTE_LIMIT ? `${words.slice(0, QUOTE_LIMIT - 1)}…` : words;
}

function networkFields(status: number, error: TikTokApiError | undefined): PublishFailure['network'] {
  const network: NonNullable<PublishFailure['network']> = { status };
  if (error?.code !== undefined) network.code = error.code;
  if (error?.logId !== undefined) network.traceId = error.logId;
  return network;
}
