import 'reflect-metadata';
import { type AppConfig, ConfigError, loadConfig, redactUrl } from '@kiezfonds/config';
import {
  createDataSource,
  DEMO_PASSWORD,
  listDemoLogins,
  seedDemoData,
  type SeedSummary,
} from '@kiezfonds/persistence';
import {
  checkPostgres,
  EmbeddedPostgresError,
  readDotEnv,
  resolveDevelopmentServices,
  ServiceUnreachableError,
} from '@kiezfonds/platform';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../create-api-app';
import { type ApplicationSeedSummary, seedDemoApplications } from './seed-applications';

/** A refusal the user can act on: printed as is, without a stack trace. */
class SeedRefused extends Error {}

/**
 * `npm run db:seed`: fills a migrated database with the demo districts, carriers, committees,
 * calls and logins (libs/persistence/src/seed). Safe to repeat: a second run changes nothing.
 */
async function main(): Promise<void> {
  readDotEnv();
  if (loadConfig().NODE_ENV === 'production') {
    // Every demo login shares one published password.
    throw new SeedRefused(
      'kiezfonds will not seed demo data with NODE_ENV=production: the demo logins share a published ' +
        'password and are for development and testing only.',
    );
  }
  // Without DATABASE_URL and with nothing at the default address: the embedded PostgreSQL.
  const services = await resolveDevelopmentServices(process.env, print);
  try {
    await seed(loadConfig({ ...process.env, ...services.environment }));
  } finally {
    await services.stop();
  }
}

async function seed(config: AppConfig): Promise<void> {
  await checkPostgres(config.DATABASE_URL);
  const target = redactUrl(config.DATABASE_URL);
  const dataSource = createDataSource(config.DATABASE_URL);
  try {
    await dataSource.initialize();
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') {
      throw new SeedRefused(`${target} does not exist yet. Run \`npm run db:migrate\` first.`);
    }
    throw error;
  }
  try {
    if (await dataSource.showMigrations()) {
      throw new SeedRefused(`${target} has pending migrations. Run \`npm run db:migrate\` first.`);
    }
    const summary = await seedDemoData(dataSource);
    print(report(target, summary));
    print(applicationsReport(await seedApplicationsThroughServices(config, dataSource)));
  } finally {
    await dataSource.destroy();
  }
}

/** The applications go through the API's own services, so the app boots once (without listening). */
async function seedApplicationsThroughServices(
  config: AppConfig,
  dataSource: DataSource,
): Promise<ApplicationSeedSummary> {
  // Route mapping and start-up lines would bury the seed's own report.
  const app = await createApiApp({ ...config, LOG_LEVEL: 'warn' });
  try {
    await app.init();
    return await seedDemoApplications(app, dataSource);
  } finally {
    await app.close();
  }
}

function applicationsReport(s: ApplicationSeedSummary): string {
  if (s.skipped) return `Demo applications left out: ${s.skipped}.\n`;
  if (s.funds + s.budgets + s.applications + s.sessions === 0)
    return 'Demo funds and applications: already there.\n';
  return `Demo funds and applications: ${s.funds} fund(s), ${s.budgets} budget(s), ${s.applications} application(s), ${s.sessions} session(s), ${s.voten} review(s) (Voten) added.\n`;
}

function report(target: string, s: SeedSummary): string {
  const outcome =
    s.inserted + s.updated === 0
      ? 'already complete, nothing changed'
      : `${s.inserted} row(s) inserted, ${s.updated} updated`;
  const logins = listDemoLogins();
  const emailWidth = Math.max(...logins.map((login) => login.email.length));
  const nameWidth = Math.max(...logins.map((login) => login.displayName.length));
  return [
    `Demo data in ${target}: ${outcome}.`,
    `  ${s.districts} districts, ${s.areas} areas, ${s.actionFields} action fields, ` +
      `${s.organisations} carrier organisations, ${s.users} users, ${s.roleAssignments} role assignments,`,
    `  ${s.committees} committees with ${s.members} members, ${s.calls} calls, ` +
      `${s.indicators} area indicators (sample values, „Beispielwerte“), ` +
      `${s.pastProjects} projects of earlier years`,
    '',
    `Demo logins, all with the password "${DEMO_PASSWORD}" (for development only):`,
    ...logins.map(
      (login) => `  ${login.email.padEnd(emailWidth)}  ${login.displayName.padEnd(nameWidth)}  ${login.role}`,
    ),
    '',
  ].join('\n');
}

// The CLI's output is its purpose, so it writes to stdout directly rather than through a logger.
function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof ServiceUnreachableError ||
    error instanceof EmbeddedPostgresError ||
    error instanceof SeedRefused;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
