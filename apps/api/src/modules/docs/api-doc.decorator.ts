import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_DOC = Symbol('herald:api-doc');

export interface ResponseDoc {
  description: string;
  /** The body's schema; absent for an empty or non-JSON body. */
  schema?: z.ZodType;
  /** Response headers worth naming (e.g. Retry-After). */
  headers?: Record<string, string>;
}

/** What the OpenAPI document says of one route, next to the handler it describes. */
export interface RouteDoc {
  summary: string;
  description?: string;
  /** Herald's additions to Postiz's API are tagged so, Postiz's own routes "Postiz". */
  origin: 'Postiz' | 'Herald';
  /** The same zod schema the service parses the body with, so the two cannot drift apart. */
  body?: z.ZodType;
  /** multipart/form-data with these fields (name → description). */
  multipart?: Record<string, string>;
  query?: z.ZodType;
  /** Path parameters (name → description). */
  params?: Record<string, string>;
  responses: Record<number, ResponseDoc>;
  /** No API key: health, docs, metrics. */
  anonymous?: boolean;
}

/** Documents a route in /api/docs. */
export const ApiDoc = (doc: RouteDoc) => SetMetadata(API_DOC, doc);
