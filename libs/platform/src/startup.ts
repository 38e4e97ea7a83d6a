import { existsSync } from 'node:fs';
import { type AppConfig, ConfigError, loadConfig } from '@kiezfonds/config';
import { resolveQueueBackend } from './queue-backend';
import {
  checkDatabaseMigrated,
  checkPostgres,
  checkRedis,
  DatabaseNotReadyError,
  ServiceUnreachableError,
} from './service-checks';

/** Every command reads `.env` from the working folder when there is one; the environment wins. */
export function readDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/**
 * What both apps do before Nest starts: read `.env` when present, validate the configuration,
 * decide the queue backend (QUEUE_BACKEND=auto, ADR 0015) and make sure PostgreSQL and, for queues
 * on Redis, Redis answer. Any failure ends the process with one readable message
 * and exit code 1, instead of a stack trace or a retry loop.
 */
export async function prepareStart(): Promise<AppConfig> {
  readDotEnv();
  try {
    const loaded = loadConfig();
    const queues = await resolveQueueBackend(process.env, loaded, redisAnswers);
    const config: AppConfig = { ...loaded, QUEUE_BACKEND: queues.backend };
    process.stdout.write(
      `queues on ${queues.backend === 'redis' ? 'Redis' : 'PostgreSQL'} (${queues.reason})\n`,
    );
    const checks = await Promise.allSettled([
      checkPostgres(config.DATABASE_URL),
      ...(queues.backend === 'redis' ? [checkRedis(config.REDIS_URL)] : []),
    ]);
    const failures = checks.flatMap((c) => (c.status === 'rejected' ? [c.reason as unknown] : []));
    if (failures.length > 0) throw failures.length === 1 ? failures[0] : new AggregateError(failures);
    await checkDatabaseMigrated(config.DATABASE_URL);
    return config;
  } catch (error) {
    const known = (e: unknown) =>
      e instanceof ConfigError || e instanceof ServiceUnreachableError || e instanceof DatabaseNotReadyError;
    const errors = error instanceof AggregateError ? error.errors : [error];
    if (errors.every(known)) {
      process.stderr.write(`${errors.map((e: Error) => e.message).join('\n\n')}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Whether a Redis answers at this address within a second (for QUEUE_BACKEND=auto). */
export async function redisAnswers(url: string): Promise<boolean> {
  return checkRedis(url, 1_000).then(
    () => true,
    () => false,
  );
}
