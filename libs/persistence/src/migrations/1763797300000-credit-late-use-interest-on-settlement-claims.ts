import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The settlement after the proof of use (reason `unspent`) charges interest from the payment days
 * (§ 49a (3) VwVfG) just as a revocation does, so it too keeps the late-use interest (§ 49a (4))
 * the carrier had paid on the money it reclaims, with the part of each call-off it reclaims
 * (`claimedPrincipalCents`), to credit that share: no day of the same money bears interest twice.
 * Late-use claims never have credits; they are the interest credited.
 */
export class CreditLateUseInterestOnSettlementClaims1763797300000 implements MigrationInterface {
  name = 'CreditLateUseInterestOnSettlementClaims1763797300000';

  async up(db: QueryRunner): Promise<void> {
    // The check added with the column names two columns, so PostgreSQL named it without one
    // (`repayment_claim_check`, or with a number if that was taken): found by what it checks.
    await db.query(`
      DO $$
      DECLARE name text;
      BEGIN
        SELECT conname INTO STRICT name FROM pg_constraint
         WHERE conrelid = 'repayment_claim'::regclass AND contype = 'c'
           AND pg_get_constraintdef(oid) LIKE '%late_use_credits%';
        EXECUTE format('ALTER TABLE repayment_claim DROP CONSTRAINT %I', name);
      END $$`);
    await db.query(`
      ALTER TABLE repayment_claim ADD CONSTRAINT repayment_claim_late_use_credits_check
        CHECK (late_use_credits IS NULL
               OR (jsonb_typeof(late_use_credits) = 'array' AND reason IN ('revocation', 'unspent')))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Settlement claims lose their credits: claims whose interest is booked keep what was booked
    // (and its calculation); one not yet noticed would charge the full interest again.
    await db.query(`UPDATE repayment_claim SET late_use_credits = NULL WHERE reason = 'unspent'`);
    await db.query(`
      ALTER TABLE repayment_claim DROP CONSTRAINT repayment_claim_late_use_credits_check,
        ADD CONSTRAINT repayment_claim_late_use_credits_check
        CHECK (late_use_credits IS NULL OR (jsonb_typeof(late_use_credits) = 'array' AND reason = 'revocation'))`);
  }
}
