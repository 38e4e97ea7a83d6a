import { migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import { currentRunId, databaseUrl, serverUrl, templateDatabaseName } from './test-run';
import { provideTestServices } from './test-services';

const STALE_AFTER_MS = 6 * 3600_000;

/**
 * Migrates one template database per run; every test file then clones it (Immich's "medium tests",
 * STYLE.md), which takes a fraction of a second instead of a migration run per file.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.KIEZFONDS_TEST_RUN) process.env.KIEZFONDS_TEST_RUN = `${Date.now().toString(36)}`;
  await provideTestServices(currentRunId());
  const template = templateDatabaseName();
  await dropStaleRuns();
  await withAdminClient(serverUrl(), (admin) =>
    admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`),
  );
  await migrateDatabase(databaseUrl(template));
}

/** Databases left by runs that crashed before their teardown, older than a few hours. */
async function dropStaleRuns(): Promise<void> {
  await withAdminClient(serverUrl(), async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'kf\\_test\\_%'`,
    );
    for (const { datname } of rows) {
      const started = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(started) && Date.now() - started > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  });
}
