import { Module } from '@nestjs/common';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { HealthController } from './modules/health/health.controller';
import { PublicApiModule } from './modules/public-api/public-api.module';

@Module({
  imports: [InfrastructureModule, PublicApiModule],
  controllers: [HealthController],
})
export class AppModule {}
