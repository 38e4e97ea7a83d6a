import type { AppConfig } from '@kiezfonds/config';
import { POSTGRES_QUEUE_SCHEMA, type QueueConnection, queueConnection } from '@kiezfonds/platform';
import { Redis } from 'ioredis';
import { randomSuffix } from './test-run';
import { testServices } from './test-services';

/**
 * A test file's own place for its job queues. On Redis that is a key prefix of the run's Redis; with
 * the queues in PostgreSQL (testServices().queueBackend) they live in the file's own database and
 * go with it, so the prefix changes nothing there and cleanup has nothing to do.
 */
export interface TestRedis {
  url: string;
  /** Give this to QUEUE_PREFIX: every BullMQ key of the test file lives under it. */
  prefix: string;
  cleanup(): Promise<void>;
}

export function createTestRedis(): TestRedis {
  const prefix = `kf-test-${randomSuffix()}`;
  const { redisUrl: url, queueBackend } = testServices();
  return {
    url,
    prefix,
    async cleanup() {
      if (queueBackend !== 'redis') return;
      const redis = new Redis(url, { lazyConnect: true });
      await redis.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

/**
 * The options for a test's own BullMQ Queue, Worker or QueueEvents (BackendQueue, BackendWorker,
 * BackendQueueEvents of @kiezfonds/platform) beside the application configured by `config`: the
 * same queues as its processes, on the same backend. With `apart`, queues of the same names that
 * the application's workers do not see: another Redis prefix, or another PostgreSQL schema (BullMQ's
 * PostgreSQL backend has no prefixes).
 */
export function testQueueOptions(
  config: AppConfig,
  apart?: string,
): { connection: QueueConnection; prefix: string } {
  const connection = queueConnection(config);
  if (!apart) return { connection, prefix: config.QUEUE_PREFIX };
  return 'url' in connection
    ? { connection, prefix: `${config.QUEUE_PREFIX}-${apart}` }
    : {
        connection: { ...connection, schema: `${POSTGRES_QUEUE_SCHEMA}_${apart}` },
        prefix: config.QUEUE_PREFIX,
      };
}
