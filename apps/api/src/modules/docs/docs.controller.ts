import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { ApiDoc } from './api-doc.decorator';
import { buildOpenApiDocument } from './openapi-document';
import { RouteCatalogService } from './route-catalog.service';

const API_VERSION = '1';

/** The OpenAPI document of the API, built from the routes Nest serves and their @ApiDoc. */
@Controller('docs')
export class DocsController {
  private document: ReturnType<typeof buildOpenApiDocument> | undefined;

  constructor(private readonly catalog: RouteCatalogService) {}

  @Get()
  @ApiDoc({ summary: 'This OpenAPI document', origin: 'Herald', anonymous: true, responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } } })
  openApi() {
    // Routes do not change while the process runs: built once, on the first request.
    this.document ??= buildOpenApiDocument(this.catalog.routes(), { version: API_VERSION });
    return this.document;
  }

  @Get('openapi.json')
  @ApiDoc({ summary: 'This OpenAPI document (the same, by its usual name)', origin: 'Herald', anonymous: true, responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } } })
  openApiJson() {
    return this.openApi();
  }
}
