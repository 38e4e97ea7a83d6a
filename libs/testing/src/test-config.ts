import { type AppConfig, loadConfig } from '@kiezfonds/config';
import { testServices } from './test-services';

/**
 * A validated configuration for a test, pointing at that test's own database, queue prefix and SMTP
 * sink. The queues are on the run's backend (testServices: Redis, or PostgreSQL where no Redis
 * answers); a test about one backend names it with QUEUE_BACKEND.
 */
export function testConfig(overrides: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    QUEUE_BACKEND: testServices().queueBackend,
    // Building the OpenAPI document took a third of a second of every test app's start, and only
    // the tests of the document read it: they ask for it with API_DOCS: 'on'. A test that sets
    // NODE_ENV gets that environment's own default.
    ...('NODE_ENV' in overrides ? {} : { API_DOCS: 'off' }),
    ...overrides,
  });
}
