import { loadConfig } from '@kiezfonds/config';
import { poolSettings } from './database.module';

describe('database pools', () => {
  it('give the API and the worker their own size and statement timeout', () => {
    const config = loadConfig({ DATABASE_POOL_SIZE: '24', WORKER_DATABASE_STATEMENT_TIMEOUT_MS: '300000' });
    expect(poolSettings(config, 'api')).toEqual({
      poolSize: 24,
      statementTimeoutMs: 10_000,
      connectionTimeoutMs: 10_000,
      preparedStatements: 200,
    });
    expect(poolSettings(config, 'worker')).toEqual({
      poolSize: 8,
      statementTimeoutMs: 300_000,
      connectionTimeoutMs: 10_000,
      preparedStatements: 200,
    });
    expect(poolSettings(loadConfig({ DATABASE_PREPARED_STATEMENTS: '0' }), 'api').preparedStatements).toBe(0);
  });
});
