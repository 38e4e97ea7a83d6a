/**
 * Names that keep one test run apart from another on the shared PostgreSQL and Redis, so two runs
 * (a developer's and CI's, or two helpers') never touch each other's data.
 */
export const SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function currentRunId(): string {
  const run = process.env.KIEZFONDS_TEST_RUN;
  if (!run)
    throw new Error('KIEZFONDS_TEST_RUN is not set: run tests through jest (its globalSetup sets it)');
  return run;
}

export function templateDatabaseName(run = currentRunId()): string {
  return `kf_test_${run}_template`;
}

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
