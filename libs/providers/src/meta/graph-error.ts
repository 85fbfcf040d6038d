import { isJsonObject, numberField, objectField, stringField } from '../json-fields.util';

/** The fields of Meta's `{ error: {...} }` envelope that Herald reads. */
export interface GraphError {
  code?: number;
  subcode?: number;
  /** English developer text; quoted to users for unknown codes, never used to classify. */
  message?: string;
  isTransient?: boolean;
  traceId?: string;
}

/** Reads the Graph error envelope out of a response body; undefined when there is none. */
export function parseGraphError(body: unknown): GraphError | undefined {
  const error = objectField(body, 'error');
  if (!error) return undefined;
  const parsed: GraphError = {
    code: numberField(error, 'code'),
    subcode: numberField(error, 'error_subcode'),
    message: stringField(error, 'message'),
    isTransient: typeof error['is_transient'] === 'boolean' ? error['is_transient'] : undefined,
    traceId: stringField(error, 'fbtrace_id'),
  };
  return parsed.code === undefined && parsed.message === undefined ? undefined : parsed;
}

/**
 * Longest `estimated_time_to_regain_access` (minutes) in the X-Business-Use-Case-Usage header,
 * in milliseconds. Meta sends it with Page (80001) and Instagram (80002) throttles.
 */
export function businessUseCaseWaitMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  let usage: unknown;
  try {
    usage = JSON.parse(header);
  } catch {
    return undefined;
  }
  if (!isJsonObject(usage)) return undefined;
  let longestMinutes: number | undefined;
  for (const entries of Object.values(usage)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const minutes = numberField(entry, 'estimated_time_to_regain_access');
      if (minutes !== undefined && minutes > (longestMinutes ?? 0)) longestMinutes = minutes;
    }
  }
  return longestMinutes === undefined ? undefined : longestMinutes * 60_000;
}
