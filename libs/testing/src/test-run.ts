import { testServices } from './test-services';

/**
 * Names that keep one test run apart from another on the shared PostgreSQL and Redis, so two runs
 * (a developer's and CI's, or two helpers') never touch each other's data.
 */
export function currentRunId(): string {
  const run = process.env.KIEZFONDS_TEST_RUN;
  if (!run)
    throw new Error('KIEZFONDS_TEST_RUN is not set: run tests through jest (its globalSetup sets it)');
  return run;
}

export function templateDatabaseName(run = currentRunId()): string {
  return `kf_test_${run}_template`;
}

/** A database of the run's PostgreSQL server (see testServices). */
export function databaseUrl(name: string): string {
  const url = new URL(testServices().databaseServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function serverUrl(): string {
  return testServices().databaseServerUrl;
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
