import { createHash } from 'node:crypto';
import { BusinessRuleError, ValidationError } from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** 422: the same Idempotency-Key was used before for a different request. */
export const IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** Thrown inside the transaction when the key was used before; caught outside it. */
class AlreadyAnswered extends Error {}

export function requestHash(scope: string, body: unknown): string {
  return createHash('sha256').update(scope).update('\n').update(JSON.stringify(body)).digest('hex');
}

/**
 * Every write that moves money or state honours `Idempotency-Key` this way (TRUST.md, "Money and
 * decisions"): lifecycle commands, call-offs, payments, ledger bookings, reversals and repayments.
 * Runs a command at most once per `Idempotency-Key` and user. The key row is inserted first in
 * the command's own transaction: a second request with the same key waits on the unique index
 * until the first commits, then finds the stored answer (or, if the first failed and rolled
 * back, runs itself). A refused command stores nothing, so a retry after fixing the cause works.
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
      const claimed = (await tx.query(
        `INSERT INTO idempotency_key (user_id, key, scope, request_hash, status_code, response)
         VALUES ($1, $2, $3, $4, 0, '{}') ON CONFLICT DO NOTHING RETURNING 1`,
        [request.userId, key, request.scope, request.hash],
      )) as unknown[];
      if (claimed.length === 0) throw new AlreadyAnswered();
      const answer = await work(tx);
      await tx.query(
        `UPDATE idempotency_key SET status_code = 200, response = $3 WHERE user_id = $1 AND key = $2`,
        [request.userId, key, JSON.stringify(answer)],
      );
      return answer;
    });
  } catch (error) {
    if (!(error instanceof AlreadyAnswered)) throw error;
    const [stored] = (await dataSource.query(
      `SELECT scope, request_hash, response FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      [request.userId, key],
    )) as { scope: string; request_hash: string; response: T }[];
    if (!stored || stored.scope !== request.scope || stored.request_hash !== request.hash) {
      throw new BusinessRuleError(IDEMPOTENCY_KEY_REUSED);
    }
    return stored.response;
  }
}
