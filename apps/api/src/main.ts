import 'reflect-metadata';
import path from 'node:path';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiConfig, Logger as PinoLogger } from '@herald/config';
import { AppModule } from './app.module';
import { AppExceptionFilter } from './common/app-exception.filter';
import { GLOBAL_PREFIX, UNPREFIXED_PATHS } from './common/global-prefix';
import { PinoNestLogger } from './infrastructure/pino-nest-logger';
import { API_CONFIG, LOGGER } from './infrastructure/tokens';
import { serveWebApp } from './web/serve-web-app';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Until the configuration is read (and if it is wrong), Nest's own JSON logger; then pino.
    logger: new ConsoleLogger({ json: true, colors: false }),
    bufferLogs: true,
  });
  const config = app.get<ApiConfig>(API_CONFIG);
  app.useLogger(new PinoNestLogger(app.get<PinoLogger>(LOGGER)));
  // Prometheus scrapes /metrics at the root, where it looks by default.
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: [...UNPREFIXED_PATHS] });
  // A Facebook post may be 63,206 characters of multi-byte text, well over express's 100 kB default.
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalFilters(new AppExceptionFilter());
  // Uploaded media must be public: the networks download it from here.
  app.useStaticAssets(path.resolve(config.UPLOAD_DIR), { prefix: '/uploads/', index: false, dotfiles: 'deny' });
  // The web UI at /, after the paths above so that it never shadows them.
  serveWebApp(app, config.WEB_DIR, (message) => new Logger('web').warn(message));
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  new Logger('bootstrap').log(`Herald API listening on http://${config.HOST}:${config.PORT}/api`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
