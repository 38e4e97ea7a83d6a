import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Project money per action field as a counter (issue 18: the district overview ≤ 5 ms at 10 M
 * entries). The overview's breakdown by action field summed `ledger_project_balance`, one row per
 * project: at 10 M entries some 50 000 rows per programme year, read on every overview. Like the
 * other counters, `ledger_action_field_balance` is derived from the append-only ledger: the posting
 * service adds each entry's effect in the entry's transaction, under the fund year's lock, and
 * `BalanceService.audit` compares it with the sums of the entries. A tracked project's action field
 * never changes after it is created, so an entry's row is fixed when it is booked. Applications
 * carry no action field yet: their money counts under action field null (one row per fund year).
 */
export class CountMoneyPerActionField1763796200000 implements MigrationInterface {
  name = 'CountMoneyPerActionField1763796200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_action_field_balance (
        fund_id uuid NOT NULL,
        programme_year integer NOT NULL,
        action_field_id uuid REFERENCES action_field (id),
        committed_cents bigint NOT NULL DEFAULT 0,
        disbursed_cents bigint NOT NULL DEFAULT 0,
        repaid_cents bigint NOT NULL DEFAULT 0,
        CONSTRAINT ledger_action_field_balance_key UNIQUE NULLS NOT DISTINCT (fund_id, programme_year, action_field_id),
        CONSTRAINT ledger_action_field_balance_fund_year_fk FOREIGN KEY (fund_id, programme_year)
          REFERENCES fund_year (fund_id, programme_year)
      )`);
    // Derived from the entries (not from the other counters), so a counter that drifted is not copied.
    await db.query(`
      INSERT INTO ledger_action_field_balance (fund_id, programme_year, action_field_id, committed_cents,
        disbursed_cents, repaid_cents)
      SELECT e.fund_id, e.programme_year, tp.action_field_id,
             sum(e.committed_cents), sum(e.disbursed_cents), sum(e.repaid_cents)
      FROM ledger_entry_effect e LEFT JOIN tracked_project tp ON tp.id = e.project_id
      WHERE e.project_id IS NOT NULL
      GROUP BY e.fund_id, e.programme_year, tp.action_field_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_action_field_balance`);
  }
}
