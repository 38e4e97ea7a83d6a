import { withAdminClient } from '@kiezfonds/persistence';
import { currentRunId, serverUrl } from './test-run';
import { releaseTestServices, runOwnsDatabaseServer } from './test-services';

export default async function globalTeardown(): Promise<void> {
  // The run's own embedded server takes its databases with it when it stops.
  if (!runOwnsDatabaseServer()) await dropRunDatabases();
  await releaseTestServices();
}

async function dropRunDatabases(): Promise<void> {
  const run = currentRunId();
  await withAdminClient(serverUrl(), async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`kf\\_test\\_${run}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
