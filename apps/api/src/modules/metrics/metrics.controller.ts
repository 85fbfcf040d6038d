import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../../infrastructure/tokens';
import { ApiDoc } from '../docs/api-doc.decorator';

/** Prometheus exposition at GET /metrics, outside /api (main.ts excludes it from the prefix). */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiDoc({ summary: 'Prometheus metrics (text exposition format)', origin: 'Herald', anonymous: true, responses: { 200: { description: 'text/plain; version=0.0.4' } } })
  async metrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.registry.contentType);
    return this.registry.metrics();
  }
}
