import { type AppConfig, loadConfig } from '@kiezfonds/config';
import { type QueueBackendChoice, resolveQueueBackend } from './queue-backend';
import { redisAnswers } from './startup';
import {
  type ResolvePostgresOptions,
  type ResolvedPostgres,
  resolvePostgres,
} from './postgres/resolve-postgres';

export interface DevelopmentServices {
  database: ResolvedPostgres;
  queues: QueueBackendChoice;
  /** Settings for the processes started on these services (migrate, seed, API, worker). */
  environment: Record<string, string>;
  /** Stops what this process started (the embedded PostgreSQL); last, after those processes ended. */
  stop(): Promise<void>;
}

/**
 * The services `npm start`, `npm run db:migrate` and `npm run db:seed` run on, decided once per
 * command: PostgreSQL as configured, at the default address, or embedded (resolvePostgres), and
 * the queues on Redis or PostgreSQL (QUEUE_BACKEND, resolveQueueBackend). Both go into
 * `environment`, so the API and the worker started from it agree on them.
 */
export async function resolveDevelopmentServices(
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<DevelopmentServices> {
  const config = loadConfig(env);
  const database = await resolvePostgres({ ...developmentDatabaseOptions(env, config), log });
  const queues = await resolveQueueBackend(env, config, redisAnswers);
  log(`queues on ${queues.backend === 'redis' ? 'Redis' : 'PostgreSQL'} (${queues.reason})`);
  return {
    database,
    queues,
    environment: { DATABASE_URL: database.url, QUEUE_BACKEND: queues.backend },
    stop: () => database.stop(),
  };
}

/** How the settings map to resolvePostgres: production never embeds; development keeps its data. */
export function developmentDatabaseOptions(
  env: NodeJS.ProcessEnv,
  config: AppConfig,
): Omit<ResolvePostgresOptions, 'log'> {
  return {
    setting: 'DATABASE_URL',
    configuredUrl: env.DATABASE_URL || undefined,
    defaultUrl: config.DATABASE_URL,
    embedding: config.NODE_ENV === 'production' ? 'never' : 'allowed',
    embedded: { dir: config.EMBEDDED_POSTGRES_DIR, kind: 'durable' },
  };
}
