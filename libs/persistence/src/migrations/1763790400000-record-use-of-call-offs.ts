import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The carrier reports the day a call-off's money was used; used after its prompt-use deadline,
 * the money bears interest from its payment to its use (§ 49a Abs. 4 VwVfG) although it is not
 * repaid: a claim of reason `late_use` with no principal, whose interest finance confirms with
 * the recovery notice.
 */
export class RecordUseOfCallOffs1763790400000 implements MigrationInterface {
  name = 'RecordUseOfCallOffs1763790400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE call_off ADD COLUMN used_on date,
        ADD CONSTRAINT call_off_used_after_paid CHECK (used_on IS NULL OR (paid_on IS NOT NULL AND used_on >= paid_on))`);
    await db.query(`
      ALTER TABLE repayment_claim DROP CONSTRAINT repayment_claim_reason_check,
        DROP CONSTRAINT repayment_claim_amount_cents_check,
        ADD CONSTRAINT repayment_claim_reason_check CHECK (reason IN ('unspent', 'revocation', 'late_use')),
        ADD CONSTRAINT repayment_claim_amount_cents_check
          CHECK (CASE WHEN reason = 'late_use' THEN amount_cents = 0 ELSE amount_cents > 0 END)`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Late-use claims cannot be dropped (their entries are append-only): reverting needs none.
    await db.query(`
      ALTER TABLE repayment_claim DROP CONSTRAINT repayment_claim_amount_cents_check,
        DROP CONSTRAINT repayment_claim_reason_check,
        ADD CONSTRAINT repayment_claim_reason_check CHECK (reason IN ('unspent', 'revocation')),
        ADD CONSTRAINT repayment_claim_amount_cents_check CHECK (amount_cents > 0)`);
    await db.query(`ALTER TABLE call_off DROP CONSTRAINT call_off_used_after_paid, DROP COLUMN used_on`);
  }
}
