import type { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@kiezfonds/config';
import type { json } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './app.module';
import { ErrorFilter } from './http/error.filter';
import { refuseInvalidUtf8 } from './http/utf8';
import { createValidationPipe } from './http/validation.pipe';
import { createApiDocument } from './openapi/openapi-document';
import { mountQueueDashboard } from './operations/queue-dashboard';
import { serveWebApp } from './web/serve-web-app';

/** The fully configured API, used alike by `main.ts` and by the integration and browser tests. */
export async function createApiApp(
  config: AppConfig,
  options: { logStream?: Writable } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), {
    bufferLogs: true,
  });
  configureHttp(app, config);
  return app;
}

/** Everything HTTP-facing that every API instance shares: logging, security headers, validation, errors, docs. */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.disable('x-powered-by');
  // JSON only, up to 1 MB; bytes that are not UTF-8 are refused naming the field (they would
  // otherwise be decoded silently to U+FFFD). Nest keeps `verify` for its rawBody option, which
  // this app does not use, so it passes through to body-parser.
  const jsonOptions: Parameters<typeof json>[0] = { limit: '1mb', verify: refuseInvalidUtf8 };
  app.useBodyParser('json', jsonOptions);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'script-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
        },
      },
      strictTransportSecurity: config.APP_URL.startsWith('https:'),
    }),
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  // The document maps every route and field: off in production unless API_DOCS=on, and then not
  // even built (it walks every controller and DTO, and stays in memory once built).
  if (config.API_DOCS === 'on') {
    SwaggerModule.setup('api/docs', app, createApiDocument(app), {
      jsonDocumentUrl: 'api/docs-json',
      useGlobalPrefix: false,
    });
  }

  mountQueueDashboard(app, config);
  serveWebApp(app, config.WEB_DIST_DIR);
}
