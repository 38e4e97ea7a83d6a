import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant's commitment moves its fund year's counters when its transaction commits, not when it is
 * written (ADR 0025, issue 18). The approval writes its ledger entries and one row here; a
 * constraint trigger deferred to the commit adds the row to `fund_year_balance` and
 * `fund_cash_year_balance` and deletes it, so the row never outlives its transaction and no other
 * session ever sees one. The fund year's row lock, for which every approval of the year waits, is
 * then held only from the commit's start to its end: not across the round trip from the write back
 * to the API and the API's turn to send COMMIT, which under load took longer than the commit
 * itself.
 *
 * The counters' CHECK constraints still refuse an overspend, now at the commit: the approval is
 * then rolled back as a whole and run again the careful way (LifecycleService.send), which refuses
 * it with the figures as they are. The fund year's row is locked before the other shared rows, the
 * order every careful posting takes (LedgerService.bookUnderLock).
 */
export class MoveCommitmentCountersAtCommit1763797500000 implements MigrationInterface {
  name = 'MoveCommitmentCountersAtCommit1763797500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_counters_at_commit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        fund_id uuid NOT NULL,
        programme_year integer NOT NULL,
        -- The tracked project's action field; null for an application, whose money counts under none.
        action_field_id uuid,
        committed_cents bigint NOT NULL,
        entry_count integer NOT NULL CHECK (entry_count > 0),
        cash_years integer[] NOT NULL,
        planned_cents bigint[] NOT NULL,
        CONSTRAINT ledger_counters_at_commit_cash_years CHECK (
          cardinality(cash_years) = cardinality(planned_cents) AND cardinality(cash_years) > 0)
      )`);
    await db.query(`
      CREATE FUNCTION kf_apply_counters_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE fund_year_balance
           SET committed_cents = committed_cents + NEW.committed_cents,
               entry_count = entry_count + NEW.entry_count, updated_at = now()
         WHERE fund_id = NEW.fund_id AND programme_year = NEW.programme_year;
        IF NOT FOUND THEN
          -- Unreachable through LedgerService, which books nothing but a budget into a year without one.
          RAISE EXCEPTION 'fund year %/% has no counters', NEW.fund_id, NEW.programme_year
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        WITH d AS (
          SELECT * FROM unnest(NEW.cash_years, NEW.planned_cents) AS d (cash_year, planned) ORDER BY cash_year
        ), updated AS (
          UPDATE fund_cash_year_balance c SET planned_cents = c.planned_cents + d.planned
            FROM d
           WHERE c.fund_id = NEW.fund_id AND c.programme_year = NEW.programme_year AND c.cash_year = d.cash_year
          RETURNING c.cash_year
        )
        INSERT INTO fund_cash_year_balance (fund_id, programme_year, cash_year, planned_cents)
        SELECT NEW.fund_id, NEW.programme_year, d.cash_year, d.planned
          FROM d WHERE d.cash_year NOT IN (SELECT cash_year FROM updated);
        INSERT INTO ledger_action_field_balance AS a (fund_id, programme_year, action_field_id, committed_cents)
        VALUES (NEW.fund_id, NEW.programme_year, NEW.action_field_id, NEW.committed_cents)
        ON CONFLICT ON CONSTRAINT ledger_action_field_balance_key DO UPDATE
        SET committed_cents = a.committed_cents + EXCLUDED.committed_cents;
        DELETE FROM ledger_counters_at_commit WHERE id = NEW.id;
        RETURN NULL;
      END;
      $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER ledger_counters_at_commit_apply AFTER INSERT ON ledger_counters_at_commit
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kf_apply_counters_at_commit()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_counters_at_commit`);
    await db.query(`DROP FUNCTION kf_apply_counters_at_commit()`);
  }
}
