import type { Request } from 'express';

/** The JSON body as an object; TikTok's posting endpoints take nothing from the query string. */
export function jsonBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * The token endpoint's form body. TikTok documents it as x-www-form-urlencoded only, so a JSON
 * body or query parameters count as missing (a client bug the real endpoint would refuse too).
 */
export function formBody(req: Request): Record<string, unknown> {
  return req.is('application/x-www-form-urlencoded') ? jsonBody(req) : {};
}
