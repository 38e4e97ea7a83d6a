import type { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@kiezfonds/config';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './app.module';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation.pipe';
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
  app.useBodyParser('json', { limit: '1mb' });
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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('kiezfonds API')
      .setDescription(
        'Netzwerkfonds workflow: calls, applications, review, programme planning and funds. ' +
          'Errors answer `{ code, message, details: [{ field, rule, message }] }`; messages follow Accept-Language (German default).',
      )
      .setVersion('0.1.0')
      .build(),
  );
  // The document maps every route and field: off in production unless API_DOCS=on.
  if (config.API_DOCS === 'on') {
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
      useGlobalPrefix: false,
    });
  }

  mountQueueDashboard(app, config);
  serveWebApp(app, config.WEB_DIST_DIR);
}
