import { configSchema, type AppConfig } from './schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `kiezfonds cannot start: the configuration has ${problems.length} problem(s):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSee .env.example and the configuration table in README.md.',
    );
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; throws a ConfigError that lists every problem, not just the first. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? present[issue.path[0]] : undefined;
      const shown = value === undefined || key === 'SESSION_SECRET' ? '' : ` (got "${value}")`;
      return `${key}: ${issue.message}${shown}`;
    }),
  );
}

/** For URLs that may carry a password: what we print in start-up errors and logs. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw;
  }
}
