import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, redactUrl } from '@kiezfonds/config';
import { migrateDatabase } from '@kiezfonds/persistence';
import { checkPostgres, ServiceUnreachableError } from '@kiezfonds/platform';

/** `npm run db:migrate`: creates the database when it does not exist, then applies pending migrations. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  await checkPostgres(config.DATABASE_URL);
  const applied = await migrateDatabase(config.DATABASE_URL);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${redactUrl(config.DATABASE_URL)}:\n  ${applied.join('\n  ')}`
      : `${redactUrl(config.DATABASE_URL)} is up to date.`,
  );
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof ServiceUnreachableError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
