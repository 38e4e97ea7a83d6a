import { loadConfig } from '@kiezfonds/config';
import { checkPostgres, checkRedis } from '@kiezfonds/platform';

// Container health check for the worker, which has no HTTP port: can it reach its queues?
const config = loadConfig();
(config.QUEUE_BACKEND === 'postgres'
  ? checkPostgres(config.DATABASE_URL, 3_000)
  : checkRedis(config.REDIS_URL, 3_000)
).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
