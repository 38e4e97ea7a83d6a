import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { preparingClient } from './prepared-statements';
import { readTimeoutSettings } from './read-timeout';

/** How one process uses PostgreSQL; unset parts keep the defaults of tools and tests. */
export interface PoolSettings {
  /** Connections kept at most. */
  poolSize?: number;
  /**
   * PostgreSQL cancels a statement after this long; 0 or unset: no limit (migrations). The client
   * itself gives up a margin later (`clientTimeoutFor`), when the server does not answer at all.
   */
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
  const protection = readTimeoutSettings(pool.statementTimeoutMs);
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
      // A server that stops answering without closing the connection (a vanished host, a network
      // that drops packets) gets no reset: only the client's own read timeout ends the statement,
      // and keepalive probes find an idle connection that went dead.
      ...protection,
      // pg-pool builds its connections with this class.
      Client: pool.preparedStatements
        ? preparingClient(pool.preparedStatements, protection.Client)
        : protection.Client,
    },
  };
}

export function createDataSource(databaseUrl: string, pool: PoolSettings = {}): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, pool));
}
