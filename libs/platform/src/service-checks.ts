import { redactUrl } from '@kiezfonds/config';
import { createDataSource } from '@kiezfonds/persistence';
import { Redis } from 'ioredis';
import { Client } from 'pg';

export class ServiceUnreachableError extends Error {
  constructor(service: string, url: string, cause: string, howToStart: string) {
    super(
      `kiezfonds cannot start: ${service} is not reachable at ${redactUrl(url)} (${cause}).\n` +
        `Start it, for example:\n  ${howToStart}`,
    );
    this.name = 'ServiceUnreachableError';
  }
}

const START_POSTGRES =
  'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start   # or: docker compose -f docker/compose.yml up -d postgres';
const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no   # or: docker compose -f docker/compose.yml up -d redis\n' +
  'Or keep the queues in PostgreSQL instead: QUEUE_BACKEND=postgres (ADR 0015)';

/** The server answers, but the database is missing or behind the code's migrations. */
export class DatabaseNotReadyError extends Error {
  constructor(databaseUrl: string, problem: string) {
    super(
      `kiezfonds cannot start: ${problem} at ${redactUrl(databaseUrl)}.\nCreate or update it with:\n  npm run db:migrate`,
    );
    this.name = 'DatabaseNotReadyError';
  }
}

/** Fails with a clear message when the database does not exist or has migrations pending. */
export async function checkDatabaseMigrated(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const exists = await withClient(databaseUrl, '/postgres', (client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
  );
  if (!exists.rowCount) throw new DatabaseNotReadyError(databaseUrl, `the database "${name}" does not exist`);
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    if (await dataSource.showMigrations()) {
      throw new DatabaseNotReadyError(databaseUrl, `the database "${name}" has migrations pending`);
    }
  } finally {
    await dataSource.destroy();
  }
}

async function withClient<T>(
  databaseUrl: string,
  path: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = path;
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fails within `timeoutMs` with a message naming the URL and how to start PostgreSQL. */
export async function checkPostgres(databaseUrl: string, timeoutMs = 8_000): Promise<void> {
  // A missing database is fine here: `npm run db:migrate` creates it. What must answer is the server.
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ServiceUnreachableError('PostgreSQL', databaseUrl, describe(error), START_POSTGRES);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fails within `timeoutMs` with a message naming the URL and how to start Redis. */
export async function checkRedis(redisUrl: string, timeoutMs = 8_000): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServiceUnreachableError('Redis', redisUrl, describe(error), START_REDIS);
  } finally {
    redis.disconnect();
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
