import { loadConfig } from '@kiezfonds/config';
import { checkRedis } from '@kiezfonds/platform';

// Container health check for the worker, which has no HTTP port: can it reach its queue?
checkRedis(loadConfig().REDIS_URL, 3_000).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
