import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiDoc } from '../docs/api-doc.decorator';
import { livenessSchema, readinessSchema } from './readiness.schema';
import { ReadinessService } from './readiness.service';

/** live: the process answers. ready: Herald can publish (503 saying why otherwise). */
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @ApiDoc({ summary: 'The process answers', origin: 'Herald', anonymous: true, responses: { 200: { description: 'Alive', schema: livenessSchema } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiDoc({
    summary: 'Whether Herald can publish',
    description: 'Postgres, Redis and Temporal answer, and no post waits on a task queue that no worker polls.',
    origin: 'Herald',
    anonymous: true,
    responses: { 200: { description: 'Ready', schema: readinessSchema }, 503: { description: 'Not ready; `reasons` says why', schema: readinessSchema } },
  })
  async ready(@Res({ passthrough: true }) response: Response) {
    const readiness = await this.readiness.check();
    response.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }
}
