import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ConflictError } from '@kiezfonds/domain';
import { Public } from '@kiezfonds/identity';
import {
  createTestDatabase,
  createTestRedis,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import { IsEmail, IsInt, IsString, Max, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import request from 'supertest';
import { ApiModule } from '../app.module';
import { configureHttp } from '../create-api-app';

class AddressDto {
  @IsString()
  @MinLength(3)
  street: string;
}

class ProbeDto {
  @IsEmail()
  email: string;

  @IsString()
  @MinLength(12)
  password: string;

  @IsInt()
  @Max(10)
  count: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

/** Stands in for the feature controllers later issues add, to pin the conventions they inherit. */
@Controller('probe')
@Public()
class ProbeController {
  @Post()
  create(@Body() body: ProbeDto) {
    return { received: body.email };
  }

  @Get('conflict')
  conflict() {
    throw new ConflictError('wrong_state', ['SUBMIT', 'WITHDRAW']);
  }

  @Get('crash')
  crash() {
    throw new Error('secret internal detail');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP conventions every route inherits', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    const config = testConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix });
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(config), ProbeModule],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    configureHttp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await redis.cleanup();
    await db.drop();
  });

  const valid = {
    email: 'a@b.de',
    password: 'long-enough-pass',
    count: 3,
    address: { street: 'Hauptstraße 1' },
  };

  it('accepts a valid body', async () => {
    const res = await request(app.getHttpServer()).post('/api/probe').send(valid).expect(201);
    expect(res.body).toEqual({ received: 'a@b.de' });
  });

  it('answers invalid input with 400 naming each field and rule, in German by default', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/probe')
      .send({ ...valid, email: 'nope', password: 'short', count: 11, address: { street: 'x' } })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.message).toBe('Die Eingaben sind nicht gültig. Bitte prüfen Sie die markierten Felder.');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', rule: 'isEmail', message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' },
        { field: 'password', rule: 'minLength', message: 'Bitte geben Sie mindestens 12 Zeichen ein.' },
        { field: 'count', rule: 'max', message: 'Der Wert darf höchstens 10 sein.' },
        { field: 'address.street', rule: 'minLength', message: 'Bitte geben Sie mindestens 3 Zeichen ein.' },
      ]),
    );
    expect(res.body.details).toHaveLength(4);
  });

  it('speaks English when the caller prefers it', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/probe')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .send({ ...valid, password: 'short' })
      .expect(400);
    expect(res.body.message).toBe('The input is not valid. Please check the marked fields.');
    expect(res.body.details).toEqual([
      { field: 'password', rule: 'minLength', message: 'Please enter at least 12 characters.' },
    ]);
  });

  it('refuses fields the route does not expect instead of silently dropping them', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/probe')
      .send({ ...valid, isAdmin: true })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'isAdmin', rule: 'whitelistValidation', message: 'Dieses Feld ist nicht vorgesehen.' },
    ]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/probe')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.body).toMatchObject({ code: 'malformed_request', details: [] });
  });

  it('answers a wrong state with 409 listing the allowed events', async () => {
    const res = await request(app.getHttpServer()).get('/api/probe/conflict').expect(409);
    expect(res.body).toMatchObject({ code: 'wrong_state', allowed: ['SUBMIT', 'WITHDRAW'] });
  });

  it('hides internal errors behind a generic 500 with the request id to quote', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/probe/crash')
      .set('X-Request-Id', 'support-1234')
      .expect(500);
    expect(res.body).toEqual({
      code: 'internal_error',
      message: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
      details: [],
      requestId: 'support-1234',
    });
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await request(app.getHttpServer()).get('/api/no-such-thing').expect(404);
    expect(res.body).toMatchObject({ code: 'route_not_found' });
  });

  it('gives every answer a request id and security headers', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
