import { queryRows } from '@kiezfonds/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Failed sign-ins are counted per account and per client address in a sliding window; reaching the
 * limit locks that key for a while. Counting is one atomic upsert, so parallel guesses cannot slip
 * past the limit. Unknown addresses are counted like known ones: the answer never reveals which
 * accounts exist.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountLimit: 5,
  addressLimit: 20,
} as const;

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

export function addressKey(ip: string): string {
  return `ip:${ip}`;
}

/** The latest lock end among the keys, if any is locked now. */
export async function lockedUntil(tx: EntityManager, keys: string[]): Promise<Date | null> {
  const [row] = (await tx.query(
    `SELECT max(locked_until) AS until FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
    [keys],
  )) as { until: Date | null }[];
  return row?.until ?? null;
}

export async function recordFailure(tx: EntityManager, key: string, limit: number): Promise<ThrottleState> {
  const [row] = (await tx.query(
    `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now()
                                ELSE t.window_started_at END
     RETURNING failures`,
    [key, THROTTLE.windowMinutes],
  )) as { failures: number }[];
  const failures = row!.failures;
  if (failures < limit) return { failures, lockedUntil: null };
  const [locked] = await queryRows<{ locked_until: Date }>(
    tx,
    `UPDATE login_throttle SET locked_until = now() + make_interval(mins => $2), failures = 0, window_started_at = now()
     WHERE key = $1 RETURNING locked_until`,
    [key, THROTTLE.lockMinutes],
  );
  return { failures, lockedUntil: locked!.locked_until };
}

export async function clearFailures(tx: EntityManager, key: string): Promise<void> {
  await tx.query(`DELETE FROM login_throttle WHERE key = $1`, [key]);
}
