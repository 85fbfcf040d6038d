import { Module } from '@nestjs/common';
import { type Db, OperationsRepository } from '@herald/db';
import { PRISMA } from '../../infrastructure/tokens';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';
import { TaskQueueReadinessService } from './task-queue-readiness.service';

@Module({
  controllers: [HealthController],
  providers: [
    ReadinessService,
    TaskQueueReadinessService,
    // Readiness counts waiting posts across organizations: an operator's question, not a tenant's.
    { provide: OperationsRepository, inject: [PRISMA], useFactory: (db: Db) => new OperationsRepository(db) },
  ],
})
export class HealthModule {}
