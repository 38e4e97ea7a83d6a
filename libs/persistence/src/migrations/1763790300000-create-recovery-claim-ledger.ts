import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery (Rückforderung) as a ledger of its own per claim: the principal and the interest are
 * separate entries, payments received and waivers (with a reason) are entries too, and nothing
 * is ever edited (the shared `forbid_mutation()` trigger). The claim's state follows from its
 * entries: open, partly paid, paid, waived. The recovery notice fixes the interest up to its due
 * day, line by line, as computed when it was issued.
 */
export class CreateRecoveryClaimLedger1763790300000 implements MigrationInterface {
  name = 'CreateRecoveryClaimLedger1763790300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE repayment_claim DROP CONSTRAINT repayment_claim_state_check`);
    await db.query(`UPDATE repayment_claim SET state = 'paid' WHERE state = 'settled'`);
    await db.query(`
      ALTER TABLE repayment_claim
        ADD CONSTRAINT repayment_claim_state_check CHECK (state IN ('open', 'partly_paid', 'paid', 'waived')),
        ADD COLUMN waive_reason text CHECK (waive_reason IS NULL OR btrim(waive_reason) <> ''),
        ADD COLUMN notice_reference text UNIQUE,
        ADD COLUMN notice_issued_on date,
        ADD COLUMN notice_due_by date,
        ADD COLUMN notice_interest jsonb CHECK (notice_interest IS NULL OR jsonb_typeof(notice_interest) = 'array'),
        ADD CONSTRAINT repayment_claim_waived_has_reason CHECK (state <> 'waived' OR waive_reason IS NOT NULL)`);
    await db.query(`
      CREATE TABLE repayment_claim_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        claim_id uuid NOT NULL REFERENCES repayment_claim (id),
        kind text NOT NULL CHECK (kind IN ('principal', 'interest', 'payment', 'waiver')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        -- For payments and waivers: how the amount splits, interest first (§ 367 BGB).
        interest_part_cents bigint NOT NULL DEFAULT 0 CHECK (interest_part_cents >= 0),
        principal_part_cents bigint NOT NULL DEFAULT 0 CHECK (principal_part_cents >= 0),
        booked_on date NOT NULL,
        reason text,
        actor_id uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'waiver' OR (reason IS NOT NULL AND btrim(reason) <> '')),
        CHECK (kind NOT IN ('payment', 'waiver') OR interest_part_cents + principal_part_cents = amount_cents)
      )`);
    await db.query(`CREATE INDEX repayment_claim_entry_claim_idx ON repayment_claim_entry (claim_id, seq)`);
    await db.query(`
      CREATE TRIGGER repayment_claim_entry_append_only BEFORE UPDATE OR DELETE ON repayment_claim_entry
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    // Claims made before: their principal, and for settled ones the payment of it.
    await db.query(`
      INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, booked_on, actor_id)
      SELECT id, 'principal', amount_cents, created_at::date, created_by FROM repayment_claim`);
    await db.query(`
      INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, principal_part_cents, booked_on, actor_id)
      SELECT id, 'payment', amount_cents, amount_cents, settled_on, settled_by FROM repayment_claim WHERE state = 'paid'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE repayment_claim_entry`);
    await db.query(`
      ALTER TABLE repayment_claim DROP CONSTRAINT repayment_claim_waived_has_reason,
        DROP CONSTRAINT repayment_claim_state_check,
        DROP COLUMN notice_interest, DROP COLUMN notice_due_by, DROP COLUMN notice_issued_on,
        DROP COLUMN notice_reference, DROP COLUMN waive_reason`);
    await db.query(
      `UPDATE repayment_claim SET state = CASE WHEN state = 'open' THEN 'open' ELSE 'settled' END`,
    );
    await db.query(
      `ALTER TABLE repayment_claim ADD CONSTRAINT repayment_claim_state_check CHECK (state IN ('open', 'settled'))`,
    );
  }
}
