import 'reflect-metadata';
import { ConfigError, redactUrl } from '@kiezfonds/config';
import { migrateDatabase } from '@kiezfonds/persistence';
import {
  checkPostgres,
  EmbeddedPostgresError,
  readDotEnv,
  resolveDevelopmentServices,
  ServiceUnreachableError,
} from '@kiezfonds/platform';

/**
 * `npm run db:migrate`: creates the database when it does not exist, then applies pending migrations
 * (on the embedded PostgreSQL when no server is configured or answering, see resolvePostgres).
 */
async function main(): Promise<void> {
  readDotEnv();
  // Without DATABASE_URL and with nothing at the default address: the embedded PostgreSQL.
  const services = await resolveDevelopmentServices(process.env, (message) => console.log(message));
  const databaseUrl = services.database.url;
  try {
    await checkPostgres(databaseUrl);
    const applied = await migrateDatabase(databaseUrl);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${redactUrl(databaseUrl)}:\n  ${applied.join('\n  ')}`
        : `${redactUrl(databaseUrl)} is up to date.`,
    );
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof ServiceUnreachableError ||
    error instanceof EmbeddedPostgresError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
