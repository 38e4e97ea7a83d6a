import { freePort } from '@kiezfonds/platform';
import { OwnRedisServer } from './redis-server';
import { chooseTestQueueBackend } from './test-services';

describe('where a test run keeps its queues', () => {
  let nothing: string;

  beforeAll(async () => {
    nothing = `redis://127.0.0.1:${await freePort()}`;
  });

  it('takes Redis when TEST_REDIS_URL names one, without asking it (it must then answer)', async () => {
    await expect(chooseTestQueueBackend({ TEST_REDIS_URL: nothing }, nothing)).resolves.toEqual({
      backend: 'redis',
      reason: 'TEST_REDIS_URL is set',
    });
  });

  it('takes the backend TEST_QUEUE_BACKEND names, which is how a run passes its choice on', async () => {
    await expect(chooseTestQueueBackend({ TEST_QUEUE_BACKEND: 'postgres' }, nothing)).resolves.toEqual({
      backend: 'postgres',
      reason: 'TEST_QUEUE_BACKEND=postgres',
    });
    await expect(
      chooseTestQueueBackend({ TEST_QUEUE_BACKEND: 'postgres', TEST_REDIS_URL: nothing }, nothing),
    ).resolves.toMatchObject({ backend: 'postgres' });
    await expect(chooseTestQueueBackend({ TEST_QUEUE_BACKEND: 'kafka' }, nothing)).rejects.toThrow(
      'TEST_QUEUE_BACKEND must be redis or postgres, not kafka',
    );
  });

  it('otherwise takes a Redis that answers at the default address, else BullMQ’s PostgreSQL backend', async () => {
    await expect(chooseTestQueueBackend({}, nothing)).resolves.toEqual({
      backend: 'postgres',
      reason: `no TEST_REDIS_URL and no Redis at ${nothing}`,
    });
    const redis = await OwnRedisServer.start();
    try {
      await expect(chooseTestQueueBackend({}, redis.url)).resolves.toEqual({
        backend: 'redis',
        reason: `a Redis answers at ${redis.url}`,
      });
    } finally {
      await redis.kill();
    }
  });
});

describe('a redis-server of the test’s own', () => {
  it('says what to install when the redis-server binary is missing', async () => {
    await expect(OwnRedisServer.start('kiezfonds-no-such-redis-server')).rejects.toThrow(
      /needs the redis-server binary.*apt-get install redis-server/s,
    );
  });
});
