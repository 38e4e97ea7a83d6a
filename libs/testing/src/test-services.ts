import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkRedis,
  discardAbandonedCluster,
  type QueueBackend,
  type QueueBackendChoice,
  redisAnswers,
  type ResolvedPostgres,
  resolvePostgres,
} from '@kiezfonds/platform';

const DEFAULT_DATABASE_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const EMBEDDED_PREFIX = 'kiezfonds-test-postgres-';

/**
 * The servers a test run uses. `provideTestServices` (globalSetup) decides once per run and puts
 * the answer into the environment, which every test worker and every process a test starts
 * inherits; `testServices()` reads it anywhere.
 */
export interface TestServices {
  /** The PostgreSQL server of the run's databases, as a URL to its `postgres` database. */
  databaseServerUrl: string;
  /**
   * Where the job queues live (ADR 0015): `redis` at `redisUrl`, or `postgres`, BullMQ's PostgreSQL
   * backend in each test file's own database (testConfig sets QUEUE_BACKEND to it).
   */
  queueBackend: QueueBackend;
  /** The Redis of the queues when `queueBackend` is `redis`. */
  redisUrl: string;
  /** The name of the queues' check in `/api/ready` on that backend: `redis` or `queues`. */
  queueCheck: 'redis' | 'queues';
}

export function testServices(): TestServices {
  // Outside a run's globalSetup (nothing decided) the queues are where they always were: Redis.
  const queueBackend = process.env.TEST_QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';
  return {
    databaseServerUrl: process.env.TEST_DATABASE_SERVER_URL || DEFAULT_DATABASE_SERVER_URL,
    queueBackend,
    redisUrl: process.env.TEST_REDIS_URL || DEFAULT_REDIS_URL,
    queueCheck: queueBackend === 'redis' ? 'redis' : 'queues',
  };
}

/** Jest keeps globals between globalSetup and globalTeardown (same process), nothing else. */
const run = globalThis as { kiezfondsTestDatabase?: ResolvedPostgres & { released?: boolean } };

/**
 * PostgreSQL: TEST_DATABASE_SERVER_URL, else the machine's server at 127.0.0.1:5432 if anything
 * answers there, else an embedded PostgreSQL for this run only (a disposable cluster in the
 * system's temporary folder). The queues: as TEST_QUEUE_BACKEND names, else Redis when
 * TEST_REDIS_URL names one (it must answer) or one answers at 127.0.0.1:6379, else BullMQ's
 * PostgreSQL backend (chooseTestQueueBackend); the choice goes into TEST_QUEUE_BACKEND.
 */
export async function provideTestServices(runId: string): Promise<void> {
  if (run.kiezfondsTestDatabase) return;
  await removeStaleClusters();
  const database = await resolvePostgres({
    setting: 'TEST_DATABASE_SERVER_URL',
    configuredUrl: process.env.TEST_DATABASE_SERVER_URL,
    defaultUrl: DEFAULT_DATABASE_SERVER_URL,
    embedding: 'allowed',
    embedded: { dir: join(tmpdir(), `${EMBEDDED_PREFIX}${runId}`), kind: 'disposable' },
    log: (message) => process.stdout.write(`[test services] ${message}\n`),
  });
  run.kiezfondsTestDatabase = database;
  process.env.TEST_DATABASE_SERVER_URL = database.url;
  const queues = await chooseTestQueueBackend(process.env, DEFAULT_REDIS_URL);
  process.env.TEST_QUEUE_BACKEND = queues.backend;
  if (queues.backend === 'redis') await requireRedis(testServices().redisUrl, queues.reason);
  else process.stdout.write(`[test services] queues in PostgreSQL (${queues.reason})\n`);
}

/**
 * Where this run keeps its queues: TEST_QUEUE_BACKEND names the backend outright (what globalSetup
 * hands on, or a developer forcing `postgres` beside a running Redis); TEST_REDIS_URL means Redis;
 * otherwise Redis if one answers at `defaultRedisUrl`, else PostgreSQL, so that `npm test` needs
 * no Redis on a bare machine. The same rule as QUEUE_BACKEND=auto outside production.
 */
export async function chooseTestQueueBackend(
  env: NodeJS.ProcessEnv,
  defaultRedisUrl: string,
): Promise<QueueBackendChoice> {
  const named = env.TEST_QUEUE_BACKEND;
  if (named) {
    if (named !== 'redis' && named !== 'postgres')
      throw new Error(`TEST_QUEUE_BACKEND must be redis or postgres, not ${named}`);
    return { backend: named, reason: `TEST_QUEUE_BACKEND=${named}` };
  }
  if (env.TEST_REDIS_URL) return { backend: 'redis', reason: 'TEST_REDIS_URL is set' };
  return (await redisAnswers(defaultRedisUrl))
    ? { backend: 'redis', reason: `a Redis answers at ${defaultRedisUrl}` }
    : { backend: 'postgres', reason: `no TEST_REDIS_URL and no Redis at ${defaultRedisUrl}` };
}

/** True when the run's PostgreSQL is its own embedded one: stopping it removes every database. */
export function runOwnsDatabaseServer(): boolean {
  return run.kiezfondsTestDatabase?.source === 'embedded';
}

/** globalTeardown: stops what provideTestServices started. */
export async function releaseTestServices(): Promise<void> {
  const database = run.kiezfondsTestDatabase;
  if (!database || database.released) return;
  database.released = true;
  await database.stop();
}

async function requireRedis(redisUrl: string, reason: string): Promise<void> {
  try {
    await checkRedis(redisUrl, 3_000);
  } catch (error) {
    throw new Error(
      `The tests keep the job queues in Redis (${reason}), which does not answer: ${(error as Error).message}\n` +
        'Or unset TEST_REDIS_URL and TEST_QUEUE_BACKEND: without a Redis the queues live in PostgreSQL.',
    );
  }
}

/** Embedded clusters of earlier runs that ended without their teardown (a killed Jest). */
async function removeStaleClusters(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(EMBEDDED_PREFIX))) {
    await discardAbandonedCluster(join(tmpdir(), name));
  }
}
