export { createDataSource, dataSourceOptions, type PoolSettings } from './data-source';
export {
  CLIENT_TIMEOUT_MARGIN_MS,
  clientTimeoutFor,
  type ReadTimeoutSettings,
  readTimeoutSettings,
  readTimeoutStandaloneClient,
} from './read-timeout';
export { ensureDatabaseExists, migrateDatabase, splitDatabaseUrl, withAdminClient } from './database-admin';
export * from './entities';
export { migrations } from './migrations';
export {
  DEMO_DISTRICTS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
  listDemoLogins,
  type DemoLogin,
} from './seed/demo-data';
export { seedDemoData, type SeedOptions, type SeedSummary } from './seed/seed-demo-data';
export { type AuditEntry, auditInsert, OFFICE_ONLY_AUDIT_ACTIONS, recordAudit } from './audit';
export { SqlParameters } from './sql-parameters';
export { queryRows } from './query-rows';
export { forgetIdempotentAnswers, IDEMPOTENCY_KEY_REUSED, requestHash, runIdempotent } from './idempotency';
export { saveIndicators, saveLorAreas } from './area-figures';
export { insertPastProject } from './past-projects';
