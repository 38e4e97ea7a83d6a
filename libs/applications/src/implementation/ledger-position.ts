import { Money } from '@kiezfonds/domain';
import type { Db } from '../scope/application-scope';

export interface CashYearPosition {
  cashYear: number;
  committed: Money;
  /** Paid out, net of repayments. */
  paid: Money;
}

/**
 * What the ledger holds for one application per cash year, reversals included: the net of every
 * entry, read from the append-only ledger rather than from a copy that could drift.
 */
export async function ledgerPosition(db: Db, applicationId: string): Promise<CashYearPosition[]> {
  const rows = (await db.query(
    `SELECT cash_year,
       sum(CASE WHEN kind = 'commitment' THEN amount_cents WHEN kind = 'decommitment' THEN -amount_cents
                WHEN kind = 'reversal' AND reversed_kind = 'commitment' THEN -amount_cents
                WHEN kind = 'reversal' AND reversed_kind = 'decommitment' THEN amount_cents ELSE 0 END)::text AS committed,
       sum(CASE WHEN kind = 'disbursement' THEN amount_cents WHEN kind = 'repayment' THEN -amount_cents
                WHEN kind = 'reversal' AND reversed_kind = 'disbursement' THEN -amount_cents
                WHEN kind = 'reversal' AND reversed_kind = 'repayment' THEN amount_cents ELSE 0 END)::text AS paid
     FROM ledger_entry WHERE application_id = $1 GROUP BY cash_year ORDER BY cash_year`,
    [applicationId],
  )) as { cash_year: number; committed: string; paid: string }[];
  return rows.map((r) => ({
    cashYear: r.cash_year,
    committed: Money.fromCents(r.committed),
    paid: Money.fromCents(r.paid),
  }));
}
