import type { PublishFailure } from '@herald/domain';
import type { TransportFailure } from '../transport-failure.util';
import { businessUseCaseWaitMs, parseGraphError, type GraphError } from './graph-error';
import {
  META_ERROR_RULES,
  TRANSIENT_META_ERROR,
  UNKNOWN_META_ERROR,
  type MetaErrorRule,
} from './meta-error-rules';

export interface MetaCallContext {
  /**
   * The call may change something on Meta (creates a container, a photo, a post). A write whose
   * answer is lost has an unknown outcome; a read can always be tried again.
   */
  write: boolean;
  /** Response headers, lower-cased (axios' form); the throttle headers extend waits. */
  headers?: Readonly<Record<string, unknown>>;
}

const QUOTE_LIMIT = 300;

/**
 * Classifies a non-2xx Graph API answer on its parsed `code` / `error_subcode`, never on the
 * wording (which Meta changes and localises). 4xx means Meta refused the request; a 5xx after a
 * write means the request may have been applied.
 */
export function classifyMetaError(status: number, body: unknown, context: MetaCallContext): PublishFailure {
  const error = parseGraphError(body);
  const network = networkFields(status, error);
  if (status >= 500) {
    return context.write
      ? {
          code: 'OUTCOME_UNKNOWN',
          message: 'Meta failed while handling the request, so it may or may not have been applied; Herald ' +
            'will check before doing anything else.',
          retryable: false,
          outcome: 'unknown',
          network,
        }
      : { code: 'NETWORK_UNAVAILABLE', message: 'Meta had a temporary problem; Herald will try again.', retryable: true, outcome: 'not-applied', network };
  }
  if (!error) return withoutEnvelope(status);
  return { ...classifyGraphError(error, context), network };
}

/**
 * Classifies a Graph error by its code and subcode alone. Also used for the subcode Instagram
 * reports inside a container's status text; `fallback` replaces the rule for unknown codes.
 */
export function classifyGraphError(
  error: GraphError,
  context: MetaCallContext,
  fallback?: MetaErrorRule,
): PublishFailure {
  const rule = findRule(error, context.write) ?? fallback ?? defaultRule(error);
  const retryAfterMs = rule.code === 'RATE_LIMITED' ? longestWait(rule.retryAfterMs, context.headers) : rule.retryAfterMs;
  const failure: PublishFailure = {
    code: rule.code,
    message: rule.quoteMeta ? withMetaWords(rule.message, error.message) : rule.message,
    retryable: rule.retryable,
    outcome: 'not-applied',
    network: networkFields(undefined, error),
  };
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  if (rule.prepareAgain) failure.prepareAgain = true;
  return failure;
}

/** A request that got no HTTP answer at all. */
export function classifyMetaTransportFailure(transport: TransportFailure, context: MetaCallContext): PublishFailure {
  const network = { code: transport.reason };
  if (!transport.maybeSent) {
    return { code: 'NETWORK_UNAVAILABLE', message: 'Herald could not reach Meta; it will try again.', retryable: true, outcome: 'not-applied', network };
  }
  if (context.write) {
    return {
      code: 'OUTCOME_UNKNOWN',
      message: 'The connection to Meta broke after the request was sent, so it may have been applied; Herald ' +
        'will check before doing anything else.',
      retryable: false,
      outcome: 'unknown',
      network,
    };
  }
  return { code: 'NETWORK_UNAVAILABLE', message: 'The connection to Meta failed; Herald will try again.', retryable: true, outcome: 'not-applied', network };
}

function findRule(error: GraphError, write: boolean): MetaErrorRule | undefined {
  const { code, subcode } = error;
  const keys: string[] = [];
  if (code !== undefined && subcode !== undefined) keys.push(`${code}/${subcode}`);
  if (subcode !== undefined) keys.push(`*/${subcode}`);
  if (code !== undefined) keys.push(code >= 200 && code <= 299 ? 'permission' : String(code));
  for (const key of keys) {
    const rule = (!write ? META_ERROR_RULES[`${key}:read`] : undefined) ?? META_ERROR_RULES[key];
    if (rule) return rule;
  }
  return undefined;
}

function defaultRule(error: GraphError): MetaErrorRule {
  // `is_transient: false` proves nothing (9007 carries it), but `true` is worth a retry.
  return error.isTransient === true ? TRANSIENT_META_ERROR : UNKNOWN_META_ERROR;
}

function withoutEnvelope(status: number): PublishFailure {
  const network = { status };
  if (status === 429) {
    return { code: 'RATE_LIMITED', message: 'Meta asked Herald to slow down; Herald will try again later.', retryable: true, outcome: 'not-applied', retryAfterMs: 5 * 60_000, network };
  }
  if (status === 408) {
    return { code: 'NETWORK_UNAVAILABLE', message: 'Meta timed out waiting for the request; Herald will try again.', retryable: true, outcome: 'not-applied', network };
  }
  return {
    code: 'INTERNAL',
    message: `Meta answered HTTP ${status} without an error description; check the channel's API address.`,
    retryable: false,
    outcome: 'not-applied',
    network,
  };
}

function longestWait(ruleMs: number | undefined, headers: MetaCallContext['headers']): number | undefined {
  const header = headers?.['x-business-use-case-usage'];
  const announced = businessUseCaseWaitMs(typeof header === 'string' ? header : undefined);
  if (announced === undefined) return ruleMs;
  return Math.max(ruleMs ?? 0, announced);
}

function withMetaWords(sentence: string, metaMessage: string | undefined): string {
  const words = metaMessage?.replace(/\s+/g, ' ').trim();
  if (!words) return sentence;
  const quoted = words.length > QUOTE_LIMIT ? `${words.slice(0, QUOTE_LIMIT - 1)}…` : words;
  return `${sentence} Meta said: "${quoted}"`;
}

function networkFields(status: number | undefined, error: GraphError | undefined): PublishFailure['network'] {
  const network: NonNullable<PublishFailure['network']> = {};
  if (status !== undefined) network.status = status;
  if (error?.code !== undefined) network.code = error.code;
  if (error?.subcode !== undefined) network.subcode = error.subcode;
  if (error?.traceId !== undefined) network.traceId = error.traceId;
  return network;
}
