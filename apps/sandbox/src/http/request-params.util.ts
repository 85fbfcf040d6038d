import type { Request } from 'express';

/** Request parameters, merged from the query string and a JSON or form body. */
export type Params = Record<string, unknown>;

/**
 * Meta and TikTok read parameters from the query string, a form body or a JSON body alike;
 * when a name appears in both, the body wins.
 */
export function collectParams(req: Request): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    params[key] = Array.isArray(value) ? value[0] : value;
  }
  const body: unknown = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(params, body);
  return params;
}

/** The parameter as a string; numbers and booleans are stringified, objects JSON-encoded. */
export function paramString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function paramBool(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return fallback;
}

/** A list given as a JSON array, a JSON-encoded array string or a comma-separated string. */
export function paramList(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)).trim());
  const text = String(value).trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map((v) => (typeof v === 'string' ? v : String(v)).trim());
    } catch {
      // not JSON after all: fall through to the comma form
    }
  }
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `Authorization: Bearer <t>` or `Authorization: OAuth <t>` (Meta's rupload style). */
export function headerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}
