import type { Request } from 'express';
import { AdminInputError } from '../network/sandbox-network.types';

export function adminQuery(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The JSON body as an object; an absent body is an empty one. */
export function adminBody(req: Request): Record<string, unknown> {
  const value: unknown = req.body;
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new AdminInputError('the body must be a JSON object');
  return value as Record<string, unknown>;
}
