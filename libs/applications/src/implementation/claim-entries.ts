import { type ClaimEntry, Money } from '@kiezfonds/domain';
import type { Db } from '../scope/application-scope';

/** A repayment claim's ledger in booking order, as libs/domain `claimBalance` reads it. */
export async function claimEntries(db: Db, claimId: string): Promise<ClaimEntry[]> {
  const rows = (await db.query(
    `SELECT kind, amount_cents::text AS amount_cents, reason FROM repayment_claim_entry WHERE claim_id = $1 ORDER BY seq`,
    [claimId],
  )) as { kind: ClaimEntry['kind']; amount_cents: string; reason: string | null }[];
  return rows.map((r) => ({
    kind: r.kind,
    amount: Money.fromCents(r.amount_cents),
    reason: r.reason ?? undefined,
  }));
}
