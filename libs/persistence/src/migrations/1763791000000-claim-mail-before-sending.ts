import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exactly-once mail as far as SMTP allows (TRUST.md, "Work and delivery"; ADR 0013). A mail's
 * delivery row is now committed as a *claim* before the SMTP send and marked `sent` after the
 * server accepted it, with the Message-ID derived from the delivery key; no transaction stays open
 * during the send. The outbox row records the outcome of its notice (sent, in-app only, dropped …)
 * and a final failure, so a reconciler driven from PostgreSQL can find notices that were relayed
 * into a Redis that lost them, and `/api/ready` can count what failed.
 */
export class ClaimMailBeforeSending1763791000000 implements MigrationInterface {
  name = 'ClaimMailBeforeSending1763791000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE mail_delivery
        ADD COLUMN state text NOT NULL DEFAULT 'sent' CHECK (state IN ('claimed', 'sent')),
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN claim_token uuid,
        ADD COLUMN message_id text,
        ALTER COLUMN sent_at DROP NOT NULL,
        ALTER COLUMN sent_at DROP DEFAULT`);
    await db.query(`ALTER TABLE mail_delivery ALTER COLUMN state SET DEFAULT 'claimed'`);
    await db.query(`
      ALTER TABLE mail_delivery ADD CONSTRAINT mail_delivery_sent_has_time
        CHECK (state <> 'sent' OR sent_at IS NOT NULL)`);

    await db.query(`
      ALTER TABLE outbox
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN outcome text,
        ADD COLUMN failed_at timestamptz`);
    // Rows relayed before this migration were handled by the worker of that time.
    await db.query(
      `UPDATE outbox SET delivered_at = relayed_at, outcome = 'unknown' WHERE relayed_at IS NOT NULL`,
    );
    await db.query(`
      CREATE INDEX outbox_unfinished_idx ON outbox (relayed_at)
      WHERE relayed_at IS NOT NULL AND delivered_at IS NULL`);
    await db.query(`
      CREATE INDEX outbox_failed_idx ON outbox (failed_at)
      WHERE failed_at IS NOT NULL AND delivered_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX outbox_failed_idx`);
    await db.query(`DROP INDEX outbox_unfinished_idx`);
    await db.query(`ALTER TABLE outbox DROP COLUMN failed_at, DROP COLUMN outcome, DROP COLUMN delivered_at`);
    await db.query(`DELETE FROM mail_delivery WHERE state = 'claimed'`);
    await db.query(`
      ALTER TABLE mail_delivery
        DROP CONSTRAINT mail_delivery_sent_has_time,
        DROP COLUMN message_id,
        DROP COLUMN claim_token,
        DROP COLUMN claimed_at,
        DROP COLUMN state,
        ALTER COLUMN sent_at SET DEFAULT now(),
        ALTER COLUMN sent_at SET NOT NULL`);
  }
}
