import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { API_DOC, type RouteDoc } from './api-doc.decorator';
import type { CatalogRoute } from './openapi-document';
import { GLOBAL_PREFIX, UNPREFIXED_PATHS } from '../../common/global-prefix';

/** Every route the app's controllers declare, read from Nest's own metadata, with its doc. */
@Injectable()
export class RouteCatalogService {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): CatalogRoute[] {
    return this.discovery.getControllers().flatMap((wrapper) => {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) return [];
      const base = this.reflector.get<string | string[]>(PATH_METADATA, wrapper.metatype) ?? '';
      const prototype = Object.getPrototypeOf(instance) as object;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const path = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) return [];
        const doc = this.reflector.get<RouteDoc | undefined>(API_DOC, handler);
        return [{ method: RequestMethod[method], path: fullPath(first(base), first(path)), ...(doc && { doc }) }];
      });
    });
  }
}

function first(path: string | string[]): string {
  return Array.isArray(path) ? (path[0] ?? '') : path;
}

function fullPath(base: string, path: string): string {
  const joined = `/${[base, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  return UNPREFIXED_PATHS.includes(joined.slice(1)) ? joined : `/${GLOBAL_PREFIX}${joined === '/' ? '' : joined}`;
}
