import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@kiezfonds/config';
import { ApiModule } from '../app.module';

/** The document's title, description and version, the same for the served docs and the generated file. */
export function apiDocumentConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('kiezfonds API')
    .setDescription(
      'Netzwerkfonds workflow: calls, applications, review, programme planning and funds. ' +
        'Errors answer `{ code, message, details: [{ field, rule, message }] }`; messages follow Accept-Language (German default).',
    )
    .setVersion('0.1.0')
    .build();
}

/** The OpenAPI document of a configured app (routes under the global prefix `api`). */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, apiDocumentConfig());
}

/**
 * The OpenAPI document without a running API: Nest's preview mode builds the module graph and
 * reads the controllers' decorators but creates no provider, so no database, Redis or SMTP
 * connection is opened. `npm run api:types` writes it out and generates the web's types from it.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  // Defaults only: the document does not depend on where the services are; the queue backend is
  // named because `auto` would be decided by probing Redis at start.
  const config = loadConfig({ NODE_ENV: 'development', QUEUE_BACKEND: 'postgres' });
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    preview: true,
    abortOnError: false,
    logger: false,
  });
  app.setGlobalPrefix('api');
  try {
    return createApiDocument(app);
  } finally {
    await app.close();
  }
}
