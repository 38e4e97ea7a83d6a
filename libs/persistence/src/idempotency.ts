import { createHash } from 'node:crypto';
import { BusinessRuleError, DomainError, RETENTION, ValidationError } from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** 422: the same Idempotency-Key was used before for a different request. */
export const IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** Thrown inside the transaction when the key was used before; caught outside it. */
class AlreadyAnswered extends Error {}

/** A concurrent twin of the request inserted the same unique row first. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

export function requestHash(scope: string, body: unknown): string {
  return createHash('sha256').update(scope).update('\n').update(JSON.stringify(body)).digest('hex');
}

/**
 * Every write that moves money or state honours `Idempotency-Key` this way (TRUST.md, "Money and
 * decisions"): lifecycle commands, call-offs, payments, ledger bookings, reversals and repayments.
 * Runs a command at most once per `Idempotency-Key` and user. The key row is written once, with
 * the answer, at the end of the command's own transaction (it was inserted first and updated with
 * the answer: two round trips, issue 18). A second request with the same key that runs meanwhile
 * either waits on the unique index until the first commits and then rolls its own work back, or
 * (having waited on the same row lock) is refused by the state the first left behind; either way
 * it answers what the first stored. If the first failed and rolled back, the second runs itself. A
 * refused command stores nothing, so a retry after fixing the cause works.
 *
 * A key is honoured for `RETENTION.idempotencyKeyHours` after its answer was stored. After that it
 * is a new request, even while the retention sweep has not yet deleted the old row: the lookup
 * does not see it, and the new answer takes the row's place (under its lock, so a concurrent twin
 * of the new request still answers what the new one stored).
 */
export async function runIdempotent<T extends object>(
  dataSource: DataSource,
  request: { userId: string; key: string | undefined; scope: string; hash: string },
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  const { key } = request;
  if (key === undefined) return dataSource.transaction(work);
  if (!KEY.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', rule: 'idempotencyKey' }]);
  try {
    return await dataSource.transaction(async (tx) => {
      const answer = await work(tx);
      const stored = (await tx.query(
        `INSERT INTO idempotency_key (user_id, key, scope, request_hash, status_code, response)
         VALUES ($1, $2, $3, $4, 200, $5)
         ON CONFLICT (user_id, key) DO UPDATE
            SET scope = EXCLUDED.scope, request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
                response = EXCLUDED.response, created_at = EXCLUDED.created_at
          WHERE idempotency_key.created_at < now() - make_interval(hours => $6)
         RETURNING 1`,
        [
          request.userId,
          key,
          request.scope,
          request.hash,
          JSON.stringify(answer),
          RETENTION.idempotencyKeyHours,
        ],
      )) as unknown[];
      if (stored.length === 0) throw new AlreadyAnswered();
      return answer;
    });
  } catch (error) {
    // A failure of the database itself (outage, busy pool) is answered as it is, without waiting
    // for a connection again to look the key up.
    if (!(error instanceof AlreadyAnswered || error instanceof DomainError || isUniqueViolation(error))) {
      throw error;
    }
    const [stored] = (await dataSource.query(
      `SELECT scope, request_hash, response FROM idempotency_key
        WHERE user_id = $1 AND key = $2 AND created_at >= now() - make_interval(hours => $3)`,
      [request.userId, key, RETENTION.idempotencyKeyHours],
    )) as { scope: string; request_hash: string; response: T }[];
    // Not answered under this key before: the command's own refusal (or failure) stands.
    if (!stored && !(error instanceof AlreadyAnswered)) throw error;
    if (!stored || stored.scope !== request.scope || stored.request_hash !== request.hash) {
      throw new BusinessRuleError(IDEMPOTENCY_KEY_REUSED);
    }
    return stored.response;
  }
}

/**
 * Deletes every answer stored for the person's keys: they quote what the person sent and got
 * back (names, addresses, texts), which pseudonymisation must not leave behind, and their rows
 * would keep an account that is otherwise unreferenced from being deleted.
 */
export async function forgetIdempotentAnswers(tx: EntityManager, userId: string): Promise<void> {
  await tx.query(`DELETE FROM idempotency_key WHERE user_id = $1`, [userId]);
}
