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
      // A refused URL is shown without its credentials: it is refused because it does not parse
      // as expected, so the redaction must not rely on parsing it.
      // One with neither a scheme nor a user part may be a password pasted alone, and is not shown.
      const url = key.endsWith('_URL') && value !== undefined;
      if (url && !/:\/\/|@/.test(value)) return `${key}: ${issue.message} (value not shown)`;
      const safe = url ? redactUrl(value) : value;
      const shown = safe === undefined || key === 'SESSION_SECRET' ? '' : ` (got "${safe}")`;
      return `${key}: ${issue.message}${shown}`;
    }),
  );
}

/** Query parameters that carry a password for pg (`password`, `sslpassword`) or ioredis. */
const SECRET_PARAMETERS = /([?&](?:password|sslpassword|pass)=)[^&#]*/gi;

/**
 * For URLs that may carry a password: what we print in start-up errors and logs. The password of
 * the user part and of the query (pg and ioredis read `?password=`) becomes `***`, also in a value
 * that is no valid URL (an unencoded `/` in the password, a wrong scheme).
 */
export function redactUrl(raw: string): string {
  // The scheme is optional, and may follow blanks: in `kf:geheim@db/kiezfonds` (no `postgres://`)
  // or ` postgres://kf:geheim@db` the password must go as well.
  const userinfo = /^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)(.*)@/is.exec(raw);
  let redacted = raw;
  if (userinfo) {
    const [whole, scheme, info] = userinfo as unknown as [string, string, string];
    const colon = info.indexOf(':');
    redacted = colon < 0 ? raw : `${scheme}${info.slice(0, colon)}:***@${raw.slice(whole.length)}`;
  }
  return redacted.replace(SECRET_PARAMETERS, '$1***');
}
