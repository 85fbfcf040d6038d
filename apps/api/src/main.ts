import 'reflect-metadata';
import path from 'node:path';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiConfig } from '@herald/config';
import { AppModule } from './app.module';
import { AppExceptionFilter } from './common/app-exception.filter';
import { API_CONFIG } from './infrastructure/tokens';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: new ConsoleLogger({ json: true, colors: false }),
  });
  const config = app.get<ApiConfig>(API_CONFIG);
  app.setGlobalPrefix('api');
  // A Facebook post may be 63,206 characters of multi-byte text, well over express's 100 kB default.
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalFilters(new AppExceptionFilter());
  // Uploaded media must be public: the networks download it from here.
  app.useStaticAssets(path.resolve(config.UPLOAD_DIR), { prefix: '/uploads/', index: false, dotfiles: 'deny' });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  new Logger('bootstrap').log(`Herald API listening on http://${config.HOST}:${config.PORT}/api`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
