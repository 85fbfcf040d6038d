import { z } from 'zod';
import { errorBodySchema } from './common-schemas';
import type { RouteDoc } from './api-doc.decorator';

/** One route as Nest registered it, with its doc when it has one. */
export interface CatalogRoute {
  method: string;
  /** Full path with Nest's `:param` placeholders, e.g. /api/public/v1/posts/:id */
  path: string;
  doc?: RouteDoc;
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `:id` → `{id}`, as OpenAPI spells path parameters. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document of the routes Nest really serves. Every route appears; one without
 * an @ApiDoc is marked `x-herald-undocumented` (a test keeps that list empty).
 */
export function buildOpenApiDocument(routes: readonly CatalogRoute[], info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path]![route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Herald public API',
      version: info.version,
      description:
        "Compatible with Postiz's public API v1 (routes tagged Postiz), plus Herald's additions (tagged Herald). " +
        'Authenticate with the organization API key in the Authorization header, without "Bearer" (Bearer is accepted too).',
    },
    ...(info.serverUrl && { servers: [{ url: info.serverUrl }] }),
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
    },
    paths,
  };
}

function operation(route: CatalogRoute): Record<string, unknown> {
  const { doc } = route;
  if (!doc) return { summary: 'Undocumented', 'x-herald-undocumented': true, responses: { default: { description: 'Not documented' } } };
  const params = [...(route.path.matchAll(/:([A-Za-z0-9_]+)/g))].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: doc.params?.[name!] ?? name,
    schema: { type: 'string' },
  }));
  return {
    summary: doc.summary,
    ...(doc.description && { description: doc.description }),
    tags: [doc.origin],
    ...(doc.anonymous ? { security: [] } : { security: [{ apiKey: [] }] }),
    parameters: [...params, ...queryParameters(doc.query)],
    ...(requestBody(doc) && { requestBody: requestBody(doc) }),
    responses: Object.fromEntries(
      Object.entries(doc.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.headers && { headers: Object.fromEntries(Object.entries(response.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) }),
          ...(response.schema && { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }),
        },
      ]),
    ),
  };
}

function queryParameters(query: z.ZodType | undefined): unknown[] {
  if (!query) return [];
  const schema = jsonSchema(query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

function requestBody(doc: RouteDoc): Record<string, unknown> | undefined {
  if (doc.body) return { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } } };
  if (doc.multipart) {
    const properties = Object.fromEntries(Object.entries(doc.multipart).map(([name, description]) => [name, { type: 'string', format: 'binary', description }]));
    return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties, required: Object.keys(properties) } } } };
  }
  return undefined;
}
