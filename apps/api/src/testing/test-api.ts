import type { Server } from 'node:http';
import type { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@kiezfonds/config';
import {
  createTestDatabase,
  createTestRedis,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import { createApiApp } from '../create-api-app';

export interface TestApi {
  db: TestDatabase;
  redis: TestRedis;
  /** The configuration the API runs with, e.g. for testQueueOptions. */
  config: AppConfig;
  app: NestExpressApplication;
  server: Server;
  close(): Promise<void>;
}

/**
 * The whole API for one test file, on its own database (cloned from the migrated template) and
 * Redis prefix. It lives in the app because libraries may not import apps; `src/testing/` is
 * test support, so lint treats it like a spec file and the build leaves it out.
 * `settings` override the test configuration, e.g. `{ APP_URL: … }`.
 */
export async function startTestApi(
  settings: Record<string, string> = {},
  options: { logStream?: Writable } = {},
): Promise<TestApi> {
  const db = await createTestDatabase();
  const redis = createTestRedis();
  const config = testConfig({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    ...settings,
  });
  const app = await createApiApp(config, options);
  await app.init();
  return {
    db,
    redis,
    config,
    app,
    server: app.getHttpServer() as Server,
    async close() {
      await app.close();
      await redis.cleanup();
      await db.drop();
    },
  };
}
