import { withAdminClient } from '@kiezfonds/persistence';
import { currentRunId, SERVER_URL } from './test-run';

export default async function globalTeardown(): Promise<void> {
  const run = currentRunId();
  await withAdminClient(SERVER_URL, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`kf\\_test\\_${run}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
