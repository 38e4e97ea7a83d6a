import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { preparingClient } from './prepared-statements';

/** How one process uses PostgreSQL; unset parts keep the defaults of tools and tests. */
export interface PoolSettings {
  /** Connections kept at most. */
  poolSize?: number;
  /** PostgreSQL cancels a statement after this long; 0 or unset: no limit (migrations). */
  statementTimeoutMs?: number;
  /** How long to wait for a free connection before giving up. */
  connectionTimeoutMs?: number;
  /**
   * Statements each connection keeps prepared, those it runs a second time (prepared-statements.ts);
   * 0 or unset: none (tools, migrations, tests that change the schema under a running pool).
   */
  preparedStatements?: number;
}

export function dataSourceOptions(databaseUrl: string, pool: PoolSettings = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    // The schema changes only through reviewed migrations (STYLE.md, "Data").
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    applicationName: 'kiezfonds',
    extra: {
      max: pool.poolSize ?? 10,
      connectionTimeoutMillis: pool.connectionTimeoutMs ?? 5_000,
      // Sent with the connection's start-up, so it costs no round trip.
      ...(pool.statementTimeoutMs ? { statement_timeout: pool.statementTimeoutMs } : {}),
      // pg-pool builds its connections with this class.
      ...(pool.preparedStatements ? { Client: preparingClient(pool.preparedStatements) } : {}),
    },
  };
}

export function createDataSource(databaseUrl: string, pool: PoolSettings = {}): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, pool));
}
