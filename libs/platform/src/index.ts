export { APP_CONFIG, ConfigModule } from './config.module';
export { DatabaseModule, type DatabaseRole, poolSettings } from './database.module';
export { QueueModule } from './queue.module';
export {
  BackendQueue,
  BackendQueueEvents,
  BackendWorker,
  POSTGRES_QUEUE_SCHEMA,
  type QueueBackend,
  type QueueBackendChoice,
  type QueueConnection,
  queueBackendOf,
  queueConnection,
  resolveQueueBackend,
} from './queue-backend';
export {
  CAPPED_BACKOFF,
  cappedBackoff,
  DEFAULT_JOB_OPTIONS,
  JOBS,
  noticeJobOptions,
  QUEUES,
  type QueueName,
  type RetryPolicy,
  retryPolicy,
  retryWindowMs,
} from './queues';
export {
  checkDatabaseMigrated,
  checkPostgres,
  checkRedis,
  DatabaseNotReadyError,
  ServiceUnreachableError,
} from './service-checks';
export { prepareStart, readDotEnv, redisAnswers } from './startup';
export { type DevelopmentServices, resolveDevelopmentServices } from './development-services';
export {
  discardAbandonedCluster,
  EmbeddedPostgresError,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './postgres/embedded-postgres';
export { freePort, isProcessAlive } from './local-machine';
export { type ResolvedPostgres, resolvePostgres } from './postgres/resolve-postgres';
export { loggingModule } from './logging.module';
export { REDACTED, redactUrl } from './log-redaction';
export { ConcurrencyGate, GateFullError } from './concurrency-gate';
export { JobSchedulers, type ScheduledJob } from './job-schedulers';
export { LoggedWorkerHost } from './logged-worker-host';
export { isDatabaseUnavailable } from './database-unavailable';
export { SERVER_NODE_FLAGS } from './server-node-flags';
export { exceljs, pdfkit, zxcvbnCommon } from './on-first-use';
export {
  CSRF_HEADER_DOC,
  DEFAULT_PAGE_SIZE,
  IDEMPOTENCY_HEADER_DOC,
  IdParamDto,
  MAX_PAGE_SIZE,
  OptionalField,
  type Page,
  PageQueryDto,
  pageOf,
} from './http-conventions';
