import { Redis } from 'ioredis';
import { randomSuffix } from './test-run';
import { testServices } from './test-services';

export interface TestRedis {
  url: string;
  /** Give this to QUEUE_PREFIX: every BullMQ key of the test file lives under it. */
  prefix: string;
  cleanup(): Promise<void>;
}

export function createTestRedis(): TestRedis {
  const prefix = `kf-test-${randomSuffix()}`;
  const url = testServices().redisUrl;
  return {
    url,
    prefix,
    async cleanup() {
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
