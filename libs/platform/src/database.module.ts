import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { createDataSource, type PoolSettings } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from './config.module';

export type DatabaseRole = 'api' | 'worker';

/** The pool a process of this role keeps (README, "Configuration"; ADR 0014). */
export function poolSettings(config: AppConfig, role: DatabaseRole): PoolSettings {
  return role === 'api'
    ? {
        poolSize: config.DATABASE_POOL_SIZE,
        statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
        connectionTimeoutMs: config.DATABASE_CONNECTION_TIMEOUT_MS,
        preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
      }
    : {
        poolSize: config.WORKER_DATABASE_POOL_SIZE,
        statementTimeoutMs: config.WORKER_DATABASE_STATEMENT_TIMEOUT_MS,
        connectionTimeoutMs: config.DATABASE_CONNECTION_TIMEOUT_MS,
        preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
      };
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRole(role: DatabaseRole): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) =>
            createDataSource(config.DATABASE_URL, poolSettings(config, role)).initialize(),
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
