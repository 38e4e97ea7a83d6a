import { type AppConfig, loadConfig } from '@kiezfonds/config';
import {
  type ResolvePostgresOptions,
  type ResolvedPostgres,
  resolvePostgres,
} from './postgres/resolve-postgres';

export interface DevelopmentServices {
  database: ResolvedPostgres;
  /** Settings for the processes started on these services (migrate, seed, API, worker). */
  environment: Record<string, string>;
  /** Stops what this process started (the embedded PostgreSQL); last, after those processes ended. */
  stop(): Promise<void>;
}

/**
 * The services `npm start`, `npm run db:migrate` and `npm run db:seed` run on, decided once per
 * command: PostgreSQL as configured, at the default address, or embedded (resolvePostgres).
 * Redis is still required and used as configured; the choice of the queue backend
 * (QUEUE_BACKEND=auto|redis|postgres) belongs here too, beside the database, and goes into
 * `environment` the same way.
 */
export async function resolveDevelopmentServices(
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<DevelopmentServices> {
  const database = await resolvePostgres({ ...developmentDatabaseOptions(env, loadConfig(env)), log });
  return {
    database,
    environment: { DATABASE_URL: database.url },
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
