import { createHash } from 'node:crypto';
import { LOGIN_THROTTLE, loginDelaySeconds, RateLimitedError, type ThrottleScope } from '@kiezfonds/domain';
import type { EntityManager } from 'typeorm';
import { clientKey } from '../abuse/client-key';

/**
 * Where the growing delays of failed sign-ins are kept (`login_throttle`), per key (the rules and
 * numbers: `loginDelaySeconds` in the domain, ADR 0010). Counting is one atomic upsert per key,
 * so parallel guesses cannot slip past a delay. Unknown addresses are counted like known ones:
 * the answer never reveals which accounts exist. Keys hold hashes, not addresses.
 */
export interface SignInAttempt {
  email: string;
  ip: string;
  /** The id from a valid device cookie of this account, if the client presented one. */
  deviceId: string | null;
}

interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/** The keys an attempt counts on: a known device only on its own. */
export function throttleKeys(attempt: SignInAttempt): ThrottleKey[] {
  const account = digest(attempt.email.trim().toLowerCase());
  if (attempt.deviceId) return [{ scope: 'client', key: `device:${account}:${digest(attempt.deviceId)}` }];
  const network = digest(clientKey(attempt.ip));
  return [
    { scope: 'client', key: `client:${account}:${network}` },
    { scope: 'account', key: `account:${account}` },
    { scope: 'network', key: `network:${network}` },
  ];
}

const CODES: Record<ThrottleScope, string> = {
  client: 'login_throttled',
  account: 'login_throttled_account',
  network: 'login_throttled_network',
};

/** Refuses the attempt (429, saying which key holds it back) while one of its keys must wait. */
export async function assertMayTry(tx: EntityManager, attempt: SignInAttempt): Promise<void> {
  const keys = throttleKeys(attempt);
  const rows = (await tx.query(
    `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle
     WHERE key = ANY($1) AND locked_until > now() ORDER BY locked_until DESC`,
    [keys.map((k) => k.key)],
  )) as { key: string; seconds: number }[];
  const [waiting] = rows;
  if (!waiting) return;
  const scope = keys.find((k) => k.key === waiting.key)!.scope;
  const seconds = Math.max(1, waiting.seconds);
  throw new RateLimitedError(CODES[scope], { seconds }, seconds);
}

export interface FailureOutcome {
  /** The account key's failures in its window (0 for a known device, which does not count there). */
  accountFailures: number;
  /** When the account key's window started: the delays for unknown devices last at most till its end. */
  accountWindowStartedAt: Date | null;
}

export async function recordFailure(tx: EntityManager, attempt: SignInAttempt): Promise<FailureOutcome> {
  let outcome: FailureOutcome = { accountFailures: 0, accountWindowStartedAt: null };
  for (const { scope, key } of throttleKeys(attempt)) {
    const [row] = (await tx.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now()
                                  ELSE t.window_started_at END
       RETURNING failures, window_started_at`,
      [key, LOGIN_THROTTLE.windowMinutes],
    )) as { failures: number; window_started_at: Date }[];
    const delay = loginDelaySeconds(scope, row!.failures);
    if (delay > 0) {
      await tx.query(
        `UPDATE login_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`,
        [key, delay],
      );
    }
    if (scope === 'account')
      outcome = { accountFailures: row!.failures, accountWindowStartedAt: row!.window_started_at };
  }
  return outcome;
}

/** A success forgets this client's failures on the account; the account's and network's stay. */
export async function recordSuccess(tx: EntityManager, attempt: SignInAttempt): Promise<void> {
  await tx.query(`DELETE FROM login_throttle WHERE key = $1`, [throttleKeys(attempt)[0]!.key]);
}

/** A new password makes old guesses moot: every key of the account is cleared. */
export async function forgetAccountFailures(tx: EntityManager, email: string): Promise<void> {
  const account = digest(email.trim().toLowerCase());
  await tx.query(`DELETE FROM login_throttle WHERE key = $1 OR key LIKE $2 OR key LIKE $3`, [
    `account:${account}`,
    `client:${account}:%`,
    `device:${account}:%`,
  ]);
}
