import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkRedis,
  discardAbandonedCluster,
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
  /** Redis for the job queues. */
  redisUrl: string;
}

export function testServices(): TestServices {
  return {
    databaseServerUrl: process.env.TEST_DATABASE_SERVER_URL || DEFAULT_DATABASE_SERVER_URL,
    redisUrl: process.env.TEST_REDIS_URL || DEFAULT_REDIS_URL,
  };
}

/** Jest keeps globals between globalSetup and globalTeardown (same process), nothing else. */
const run = globalThis as { kiezfondsTestDatabase?: ResolvedPostgres & { released?: boolean } };

/**
 * PostgreSQL: TEST_DATABASE_SERVER_URL, else the machine's server at 127.0.0.1:5432 if anything
 * answers there, else an embedded PostgreSQL for this run only (a disposable cluster in the
 * system's temporary folder). Redis is required as configured; when the queues can run on
 * PostgreSQL, the choice of the queue backend is made here too, beside the database.
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
  await requireRedis(testServices().redisUrl);
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

async function requireRedis(redisUrl: string): Promise<void> {
  try {
    await checkRedis(redisUrl, 3_000);
  } catch (error) {
    throw new Error(
      `The integration and browser tests need Redis for the job queues: ${(error as Error).message}\n` +
        'Or point TEST_REDIS_URL at a running Redis.',
    );
  }
}

/** Embedded clusters of earlier runs that ended without their teardown (a killed Jest). */
async function removeStaleClusters(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(EMBEDDED_PREFIX))) {
    await discardAbandonedCluster(join(tmpdir(), name));
  }
}
