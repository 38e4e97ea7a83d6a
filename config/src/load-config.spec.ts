import { loadConfig, ConfigError, redactUrl } from './load-config';

/** The start-up error `loadConfig` throws for `env`, as printed. */
function refusalOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration', () => {
  it('starts with working defaults on a developer machine', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/kiezfonds');
    expect(config.APP_TIMEZONE).toBe('Europe/Berlin');
    expect(config.PORT).toBe(3000);
  });

  it('lists every invalid setting in one message', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', APP_TIMEZONE: 'Mars/Olympus', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('PORT');
    expect(problems).toContain('APP_TIMEZONE');
    expect(problems).toContain('LOG_LEVEL');
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('refuses to run in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required in production/);
  });

  it('accepts a queue prefix with underscores, as installations name themselves after their database', () => {
    expect(loadConfig({ QUEUE_PREFIX: 'kiezfonds_spandau-2' }).QUEUE_PREFIX).toBe('kiezfonds_spandau-2');
  });

  it('shows a valid queue prefix when it refuses one', () => {
    expect(() => loadConfig({ QUEUE_PREFIX: 'Kiezfonds:Spandau' })).toThrow(
      'QUEUE_PREFIX: must be 1-40 lower-case letters, digits, dashes or underscores, for example kiezfonds_spandau (got "Kiezfonds:Spandau")',
    );
  });

  it('sizes the database pools for the API and the worker, and accepts other sizes', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_POOL_SIZE: 16,
      DATABASE_STATEMENT_TIMEOUT_MS: 10_000,
      WORKER_DATABASE_POOL_SIZE: 8,
      WORKER_DATABASE_STATEMENT_TIMEOUT_MS: 120_000,
      DATABASE_CONNECTION_TIMEOUT_MS: 10_000,
      DATABASE_PREPARED_STATEMENTS: 200,
    });
    expect(loadConfig({ DATABASE_POOL_SIZE: '40', DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toMatchObject({
      DATABASE_POOL_SIZE: 40,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    });
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0', WORKER_DATABASE_POOL_SIZE: 'viele' })).toThrow(
      /DATABASE_POOL_SIZE[\s\S]*WORKER_DATABASE_POOL_SIZE/,
    );
  });

  it('runs more mail jobs at once than the SMTP pool has connections, and accepts other counts', () => {
    expect(loadConfig({}).MAIL_CONCURRENCY).toBe(20);
    expect(loadConfig({ MAIL_CONCURRENCY: '5' }).MAIL_CONCURRENCY).toBe(5);
    expect(() => loadConfig({ MAIL_CONCURRENCY: '0' })).toThrow(/MAIL_CONCURRENCY/);
  });

  it('never prints a database password', () => {
    expect(redactUrl('postgres://kf:geheim@db:5432/kiezfonds')).toBe('postgres://kf:***@db:5432/kiezfonds');
    // pg and ioredis also read the password from the query.
    expect(redactUrl('postgres://kf@db:5432/kiezfonds?password=Db-Geheim-42&sslmode=require')).toBe(
      'postgres://kf@db:5432/kiezfonds?password=***&sslmode=require',
    );
    expect(redactUrl('rediss://cache:6380/0?sslpassword=a&Password=Redis-Geheim')).toBe(
      'rediss://cache:6380/0?sslpassword=***&Password=***',
    );
    // No URL at all: the user part is still hidden.
    expect(redactUrl('smtp://mailer:pa/ss-Geheim@mail.bezirksamt.example:587')).toBe(
      'smtp://mailer:***@mail.bezirksamt.example:587',
    );
    expect(redactUrl('redis://cache:6379')).toBe('redis://cache:6379');
    // A scheme left out or mistyped, or blanks before it, leave no password in view either.
    expect(redactUrl('kf:Db-Geheim-42@db:5432/kiezfonds')).toBe('kf:***@db:5432/kiezfonds');
    expect(redactUrl('postgres:/kf:Db-Geheim-42@db/kiezfonds')).toBe('postgres:***@db/kiezfonds');
    expect(redactUrl(' postgres://kf:Db-Geheim-42@db/kiezfonds')).toBe(' postgres://kf:***@db/kiezfonds');
  });

  it.each([
    ['DATABASE_URL', 'kiezfonds:Db-Geheim-42@db:5432/kiezfonds'],
    ['REDIS_URL', 'postgres:/kiezfonds:Db-Geheim-42@db:5432/kiezfonds'],
    ['SMTP_URL', ' redis://:Db-Geheim-42@cache:6379'],
  ])('names a refused %s that is no proper URL without its password (%p)', (key, value) => {
    const message = refusalOf({ [key]: value });
    expect(message).toContain(`${key}: `);
    expect(message).not.toContain('Db-Geheim-42');
  });

  it.each([
    ['REDIS_URL', 'Redis:Geheim/42'],
    ['SMTP_URL', 'smtp:Sm7p-Geheim'],
  ])('refuses a %s without a host (%p), and does not print it', (key, value) => {
    const message = refusalOf({ [key]: value });
    expect(message).toContain(`${key}: `);
    expect(message).not.toContain(value.slice(value.indexOf(':') + 1));
  });

  it('takes a PostgreSQL URL without a host: pg finds the socket directory in its query', () => {
    const socket = 'postgres:///kiezfonds?host=/var/run/postgresql';
    expect(loadConfig({ DATABASE_URL: socket }).DATABASE_URL).toBe(socket);
  });

  it.each([
    ['DATABASE_URL', 'Db-Geheim-42'],
    ['REDIS_URL', 'Geheim/42:Redis'],
    ['SMTP_URL', ' Sm7p-Geheim '],
  ])(
    'does not print a refused %s that has no scheme at all: it may be a password pasted alone',
    (key, value) => {
      let message = '';
      try {
        loadConfig({ [key]: value });
      } catch (error) {
        message = (error as ConfigError).message;
      }
      expect(message).toContain(`${key}: `);
      expect(message).toContain('value not shown');
      expect(message).not.toContain(value.trim());
    },
  );

  it.each([
    ['SMTP_URL', 'smtp+starttls://mailer:Sm7p-Geheim@mail.bezirksamt.example:587', 'Sm7p-Geheim'],
    ['SMTP_URL', 'smtp://mailer:pa/ss-Geheim@mail.bezirksamt.example:587', 'pa/ss-Geheim'],
    ['DATABASE_URL', 'mysql://kiezfonds:Db-Geheim-42@db:5432/kiezfonds', 'Db-Geheim-42'],
    ['REDIS_URL', 'valkey://:Redis-Geheim@cache:6379', 'Redis-Geheim'],
  ])('names a refused %s without its password', (key, value, password) => {
    const message = refusalOf({ [key]: value });
    expect(message).toContain(`${key}: `);
    expect(message).toContain(':***@');
    expect(message).not.toContain(password);
  });
});
