import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A URL of one of `protocols`. Every service but PostgreSQL is reached at a host, so a URL without
 * one (`redis:Geheim/42`, a password pasted after a scheme) is refused; pg also takes a socket
 * directory in the query (`postgres:///kiezfonds?host=/var/run/postgresql`).
 */
const url = (protocols: readonly string[], { hostless = false } = {}) =>
  z.url({
    protocol: new RegExp(`^(${protocols.join('|')})$`),
    ...(hostless ? {} : { hostname: /^.+$/ }),
    error: `must be a ${protocols.join(' or ')} URL`,
  });

/**
 * Every setting the apps read, with defaults that work on a developer machine of this project
 * (PostgreSQL and Redis on localhost, an SMTP sink on port 1025). Production overrides them
 * through the environment; SESSION_SECRET has no default there on purpose.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: url(['postgres', 'postgresql'], { hostless: true }).default(
      'postgres://postgres@127.0.0.1:5432/kiezfonds',
    ),
    REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
    // Connections per process (ADR 0014). The API's commands hold theirs while Node works between
    // round trips, so it needs more than the database has cores; beyond about 2 per core plus a
    // few the database only queues them itself. The worker runs 5 mails, the relay and the sweeps.
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(16),
    WORKER_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(8),
    // How long a statement may run before PostgreSQL cancels it (0: no limit). A request should
    // never wait this long; a sweep of 100 000 items may take longer than a request.
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    WORKER_DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
    // Statements each connection keeps prepared (ADR 0022): those it runs a second time are parsed
    // and planned once instead of on every call. 0: none (a connection pooler in transaction mode).
    DATABASE_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(200),
    // How long a request waits for a free connection before it is answered 503.
    DATABASE_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    // Keeps several installations (or test files) apart on one Redis.
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/, {
        error:
          'must be 1-40 lower-case letters, digits, dashes or underscores, for example kiezfonds_spandau',
      })
      .default('kiezfonds'),
    // Where the queues live (ADR 0015): Redis, or BullMQ's PostgreSQL backend in the application's
    // database. `auto` takes Redis when REDIS_URL is set or a Redis answers at the default address,
    // else PostgreSQL; in production `auto` means Redis and never guesses (set `postgres` for that).
    QUEUE_BACKEND: z.enum(['auto', 'redis', 'postgres']).default('auto'),
    SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('kiezfonds <no-reply@kiezfonds.example>'),
    APP_URL: url(['http', 'https']).default('http://localhost:3000'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters long' }).optional(),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    // A session ends after this long without a request, and in any case after SESSION_ABSOLUTE_HOURS.
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    APP_TIMEZONE: z
      .string()
      .default('Europe/Berlin')
      .refine(isKnownTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' }),
    WEB_DIST_DIR: z.string().optional(),
    // Where `npm start` keeps the embedded PostgreSQL it runs when DATABASE_URL is not set and
    // nothing answers at the default address (development only; relative to the working folder).
    EMBEDDED_POSTGRES_DIR: z.string().min(1).default('.data/postgres'),
    // The relay wakes on NOTIFY at once; polling only catches what a lost connection missed.
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    REMINDER_SWEEP_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(86_400_000)
      .default(15 * 60_000),
    // Mail delivery (ADR 0013). A claim older than the lease belongs to a worker that died between
    // claim and record; another attempt may then send (with the same Message-ID). It must outlast
    // one SMTP send including its timeouts (about 50 s).
    MAIL_CLAIM_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(120_000),
    // Mail jobs a worker runs at once. More than the SMTP pool's 5 connections, so that while some
    // jobs claim or record in PostgreSQL, others keep every connection sending.
    MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
    // A mail job's lock: a job of a worker that died is found and run again within about twice this.
    MAIL_JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    // Retries of a notice: exponential from the base delay, capped at the maximum delay. The
    // defaults (40 attempts, 2 s … 1 h) wait out about 30 hours of SMTP or database outage.
    MAIL_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(1_000).default(40),
    MAIL_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
    MAIL_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
    // The reconciler (PostgreSQL → Redis): how often it runs, how long a relayed notice may stay
    // without an outcome before it counts as lost, and how often each worker checks that Redis
    // still holds the job schedulers (a Redis that came back empty).
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).max(86_400_000).default(60_000),
    RECONCILE_GRACE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
    SCHEDULER_WATCH_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
    // How often the worker deletes personal data whose keeping time is over (docs/privacy.md).
    RETENTION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
    // Which proxies may set X-Forwarded-*: Express's syntax ('loopback', a CIDR list, or a hop count).
    TRUST_PROXY: z.string().default('loopback'),
    // Operator views that are off in production unless asked for (ADR 0010).
    QUEUE_DASHBOARD: z.enum(['on', 'off']).optional(),
    API_DOCS: z.enum(['on', 'off']).optional(),
    // How many password hashes (argon2id, 64 MiB each) run at once, and how many may wait.
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(1000).default(32),
  })
  .transform((env, ctx) => {
    if (env.SESSION_SECRET === undefined && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
      return z.NEVER;
    }
    const production = env.NODE_ENV === 'production';
    return {
      ...env,
      QUEUE_DASHBOARD: env.QUEUE_DASHBOARD ?? (production ? 'off' : 'on'),
      API_DOCS: env.API_DOCS ?? (production ? 'off' : 'on'),
      // A fixed development secret keeps sessions alive across restarts on a developer machine;
      // production refuses to start without its own (see above).
      SESSION_SECRET: env.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    };
  });

export type AppConfig = z.output<typeof configSchema>;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
