// Jest reads testTimeout only from the global configuration, not from a project's: tests against
// real PostgreSQL, Redis and SMTP get 30 s instead of the 5 s unit-test default.
jest.setTimeout(30_000);
