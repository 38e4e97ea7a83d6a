import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { RETENTION } from '@kiezfonds/domain';
import {
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import { createWorker } from './create-worker';

/**
 * The worker runs the retention sweep on its schedule (docs/privacy.md): what it deletes and
 * keeps is tested against the service in apps/api/src/identity/retention.int.spec.ts; this proves
 * the running worker does it on its own.
 */
describe('the worker deletes what is kept no longer, on its own schedule', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let config: AppConfig;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    config = testConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      RETENTION_SWEEP_INTERVAL_MS: '1000',
    });
    worker = await createWorker(config);
    await worker.init();
  });

  afterAll(async () => {
    await worker.close();
    await redis.cleanup();
    await db.drop();
  });

  it('removes a session that ended more than 30 days ago and keeps one that ended yesterday', async () => {
    const person = await createUser(db.dataSource);
    const session = async (label: string, endedDaysAgo: number) =>
      (
        (await db.dataSource.query(
          `INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
           SELECT $1, $2, 'csrf', now() - make_interval(days => $3, hours => 1),
                  now() - make_interval(days => $3, hours => 1), now() - make_interval(days => $3)
           RETURNING id`,
          [`worker-${label}-${person.id}`, person.id, endedDaysAgo],
        )) as { id: string }[]
      )[0]!.id;
    await session('old', RETENTION.endedAccessDays + 1);
    const recent = await session('recent', 1);

    await eventually(async () => {
      const ids = (
        (await db.dataSource.query(`SELECT id FROM user_session WHERE user_id = $1`, [person.id])) as {
          id: string;
        }[]
      ).map((row) => row.id);
      expect(ids).toEqual([recent]);
    }, 20_000);
  });

  it('removes the stored answer of an Idempotency-Key past its window and keeps a younger one', async () => {
    const person = await createUser(db.dataSource);
    await db.dataSource.query(
      `INSERT INTO idempotency_key (user_id, key, scope, request_hash, status_code, response, created_at)
       VALUES ($1, 'old', 'scope', 'hash', 200, '{}', now() - make_interval(hours => $2)),
              ($1, 'young', 'scope', 'hash', 200, '{}', now() - make_interval(hours => $3))`,
      [person.id, RETENTION.idempotencyKeyHours + 1, RETENTION.idempotencyKeyHours - 1],
    );

    await eventually(async () => {
      expect(
        await db.dataSource.query(`SELECT key FROM idempotency_key WHERE user_id = $1`, [person.id]),
      ).toEqual([{ key: 'young' }]);
    }, 20_000);
  });
});
