import type { AppConfig } from '@kiezfonds/config';
import { readTimeoutSettings } from '@kiezfonds/persistence';
import {
  type BackendFactory,
  type IQueueBackend,
  createPostgresBackend,
  createRedisBackend,
  type PostgresPoolConfig,
  Queue,
  QueueEvents,
  type QueueEventsOptions,
  type QueueOptions,
  Worker,
  type WorkerOptions,
} from 'bullmq';

/** Where BullMQ keeps its queues (ADR 0015). */
export type QueueBackend = 'redis' | 'postgres';

/** The schema of the application's database that holds BullMQ's tables on the PostgreSQL backend. */
export const POSTGRES_QUEUE_SCHEMA = 'bullmq';
/** BullMQ's own PostgreSQL sessions, named apart from the app's ('kiezfonds') in pg_stat_activity. */
export const QUEUE_APPLICATION_NAME = 'kiezfonds-queues';

const POSTGRES = Symbol('kiezfonds.postgresQueueBackend');

/** A connection of the PostgreSQL backend, marked so that the queue classes pick that backend. */
export type PostgresQueueConnection = PostgresPoolConfig & { readonly [POSTGRES]: true };

export type RedisQueueConnection = { url: string; maxRetriesPerRequest: null };

export type QueueConnection = RedisQueueConnection | PostgresQueueConnection;

/** The backend the configuration names; `auto` must have been decided at start (resolveQueueBackend). */
export function queueBackendOf(config: AppConfig): QueueBackend {
  if (config.QUEUE_BACKEND === 'auto') {
    throw new Error(
      'QUEUE_BACKEND=auto is decided at start (resolveQueueBackend) before the queues are built',
    );
  }
  return config.QUEUE_BACKEND;
}

/**
 * The connection every queue, worker and event listener of this process uses. One configuration
 * decides it, and the connection itself selects the backend (BackendQueue, BackendWorker), so a
 * process cannot put one queue on Redis and another on PostgreSQL by accident, and nothing relies
 * on BullMQ's process-wide default factory.
 */
export function queueConnection(config: AppConfig): QueueConnection {
  if (queueBackendOf(config) === 'redis') {
    // Workers block on Redis; ioredis must then retry forever rather than fail the command.
    return { url: config.REDIS_URL, maxRetriesPerRequest: null };
  }
  return {
    connectionString: config.DATABASE_URL,
    application_name: QUEUE_APPLICATION_NAME,
    schema: POSTGRES_QUEUE_SCHEMA,
    // Every queue and worker owns a pool (and a worker one more connection for LISTEN); BullMQ's
    // queries are short, so two per pool keep a worker process at about 20 connections.
    max: 2,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
    // A PostgreSQL that swallows packets would otherwise hold BullMQ's queries, and with them every
    // worker, for good. Its queries are short; the worker's limit only bounds a migration that
    // waits for another process's lock.
    ...readTimeoutSettings(config.WORKER_DATABASE_STATEMENT_TIMEOUT_MS),
    // BullMQ's own versioned migrator, serialised by an advisory lock; a no-op once done.
    migrate: true,
    [POSTGRES]: true,
  };
}

function isPostgresConnection(connection: unknown): connection is PostgresQueueConnection {
  return typeof connection === 'object' && connection !== null && POSTGRES in connection;
}

/** The BullMQ backend factory a connection of queueConnection stands for. */
export function backendFactoryFor(connection: unknown): BackendFactory<IQueueBackend, never> {
  return isPostgresConnection(connection)
    ? (createPostgresBackend as BackendFactory<IQueueBackend, never>)
    : (createRedisBackend as BackendFactory<IQueueBackend, never>);
}

/*
 * The classes below stay typed as BullMQ's default (Redis-typed) classes, which the rest of the code
 * and @nestjs/bullmq expect; only the datastore-neutral API is used on them. BullMQ's overloads
 * tie a factory's type to the options at compile time, whereas ours is chosen at run time: hence
 * the factory passes as `undefined` to the type checker.
 */
const factoryFor = (connection: unknown) => backendFactoryFor(connection) as unknown as undefined;

/** A BullMQ Queue on the backend its connection names (see queueConnection). */
export class BackendQueue extends Queue {
  constructor(name: string, opts: QueueOptions<QueueConnection>) {
    super(name, opts as QueueOptions, factoryFor(opts.connection));
  }
}

/** A BullMQ Worker on the backend its connection names (see queueConnection). */
export class BackendWorker extends Worker {
  constructor(
    name: string,
    processor: ConstructorParameters<typeof Worker>[1],
    opts: WorkerOptions<QueueConnection>,
  ) {
    super(name, processor, opts as WorkerOptions, factoryFor(opts.connection));
  }
}

/** BullMQ QueueEvents on the backend its connection names (see queueConnection). */
export class BackendQueueEvents extends QueueEvents {
  constructor(name: string, opts: QueueEventsOptions<QueueConnection>) {
    super(name, opts as QueueEventsOptions, factoryFor(opts.connection));
  }
}

export interface QueueBackendChoice {
  backend: QueueBackend;
  /** Why, for the start-up log line. */
  reason: string;
}

/**
 * Decides `QUEUE_BACKEND=auto` once per start: Redis when REDIS_URL is set (it must then answer)
 * or a Redis answers at the default address, else PostgreSQL. In production `auto` is Redis
 * without asking: a Redis that happens to be down at one start must not move that process's
 * queues into PostgreSQL while the other processes keep theirs in Redis.
 */
export async function resolveQueueBackend(
  env: NodeJS.ProcessEnv,
  config: AppConfig,
  redisAnswers: (url: string) => Promise<boolean>,
): Promise<QueueBackendChoice> {
  if (config.QUEUE_BACKEND !== 'auto') {
    return { backend: config.QUEUE_BACKEND, reason: `QUEUE_BACKEND=${config.QUEUE_BACKEND}` };
  }
  if (env.REDIS_URL) return { backend: 'redis', reason: 'REDIS_URL is set' };
  if (config.NODE_ENV === 'production') {
    return { backend: 'redis', reason: 'production: QUEUE_BACKEND=auto means Redis' };
  }
  return (await redisAnswers(config.REDIS_URL))
    ? { backend: 'redis', reason: `a Redis answers at ${config.REDIS_URL}` }
    : { backend: 'postgres', reason: `no REDIS_URL and no Redis at ${config.REDIS_URL}` };
}
