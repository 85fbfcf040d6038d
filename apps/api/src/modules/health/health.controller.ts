import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Connection } from '@temporalio/client';
import type Redis from 'ioredis';
import type { Db } from '@herald/db';
import { CLOCK, type Clock, PRISMA, REDIS, TEMPORAL_CONNECTION } from '../../infrastructure/tokens';

type CheckStatus = 'up' | 'down';

interface Check {
  status: CheckStatus;
  checkedAt: string;
  error?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

/** live: the process answers. ready: its dependencies answer too (503 with which one otherwise). */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PRISMA) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [postgres, redis, temporal] = await Promise.all([
      this.check(() => this.db.$queryRawUnsafe('SELECT 1')),
      this.check(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
        await this.redis.ping();
      }),
      this.check(async () => {
        const response = await this.temporal.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
        // 1 = SERVING in grpc.health.v1.HealthCheckResponse.ServingStatus
        if (response.status !== 1) throw new Error(`Temporal is not serving (status ${response.status})`);
      }),
    ]);
    const checks = { postgres, redis, temporal };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    const body = { status: ok ? 'ok' : 'degraded', checks };
    response.status(ok ? 200 : 503);
    return body;
  }

  private async check(probe: () => Promise<unknown>): Promise<Check> {
    const checkedAt = this.now().toISOString();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', checkedAt };
    } catch (error) {
      return { status: 'down', checkedAt, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
