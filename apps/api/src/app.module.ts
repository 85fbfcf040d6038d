import { Module } from '@nestjs/common';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { DocsModule } from './modules/docs/docs.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { PublicApiModule } from './modules/public-api/public-api.module';

@Module({
  imports: [InfrastructureModule, HealthModule, PublicApiModule, MetricsModule, DocsModule],
})
export class AppModule {}
