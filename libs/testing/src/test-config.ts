import { type AppConfig, loadConfig } from '@kiezfonds/config';

/** A validated configuration for a test, pointing at that test's own database, Redis prefix and SMTP sink. */
export function testConfig(overrides: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    // Tests name their Redis (createTestRedis); the PostgreSQL backend is chosen by passing `postgres`.
    QUEUE_BACKEND: 'redis',
    ...overrides,
  });
}
