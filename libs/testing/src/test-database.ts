import { createDataSource, withAdminClient } from '@kiezfonds/persistence';
import type { DataSource } from 'typeorm';
import { currentRunId, databaseUrl, randomSuffix, serverUrl, templateDatabaseName } from './test-run';

export interface TestDatabase {
  name: string;
  url: string;
  /** A connected TypeORM data source for arranging and inspecting data. */
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kf_test_${currentRunId()}_${randomSuffix()}`;
  await withAdminClient(serverUrl(), (admin) =>
    admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`),
  );
  const url = databaseUrl(name);
  const dataSource = await createDataSource(url).initialize();
  return {
    name,
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdminClient(serverUrl(), (admin) =>
        admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

/** An empty database (no migrations), for testing the migrations themselves. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kf_test_${currentRunId()}_empty_${randomSuffix()}`;
  const url = databaseUrl(name);
  return {
    url,
    drop: () =>
      withAdminClient(serverUrl(), (admin) =>
        admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  };
}
