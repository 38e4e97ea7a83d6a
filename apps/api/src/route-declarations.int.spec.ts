import { Controller, Get, Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ACCESS_RULE } from '@kiezfonds/identity';
import {
  createTestDatabase,
  createTestRedis,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import request from 'supertest';
import { ApiModule } from './app.module';
import { configureHttp } from './create-api-app';

interface Route {
  route: string;
  declared: boolean;
}

/** Every route handler of every controller in the app, with whether it declares who may call it. */
function listRoutes(app: NestExpressApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = String(Reflect.getMetadata(PATH_METADATA, handler));
        routes.push({
          route: `${method} /api/${[base, path].filter((p) => p && p !== '/').join('/')} (${controller.name}.${name})`,
          declared: Boolean(
            Reflect.getMetadata(ACCESS_RULE, handler) ?? Reflect.getMetadata(ACCESS_RULE, controller),
          ),
        });
      }
    }
  }
  return routes;
}

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open() {
    return { leaked: true };
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('every route declares who may call it', () => {
  let db: TestDatabase;
  let redis: TestRedis;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
  });

  afterAll(async () => {
    await redis.cleanup();
    await db.drop();
  });

  const config = () => testConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix });

  it('finds no route of the API without an access declaration', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config())] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();
    try {
      const routes = listRoutes(app);
      expect(routes.length).toBeGreaterThan(5);
      expect(routes.filter((r) => !r.declared).map((r) => r.route)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('notices a route without a declaration, and the guard refuses to serve it', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(config()), UndeclaredModule],
    }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttp(app, config());
    await app.init();
    try {
      expect(
        listRoutes(app)
          .filter((r) => !r.declared)
          .map((r) => r.route),
      ).toEqual(['GET /api/undeclared (UndeclaredController.open)']);
      const res = await request(app.getHttpServer()).get('/api/undeclared').expect(403);
      expect(res.body.leaked).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
