import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices dropped at delivery because what they were about no longer stands (a reminder whose
 * deadline moved or whose entity changed state since it was queued): one row per delivery key,
 * append-only, so the record shows what was not sent and why.
 */
export class CreateNoticeDrop1763783200000 implements MigrationInterface {
  name = 'CreateNoticeDrop1763783200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notice_drop (
        delivery_key text PRIMARY KEY,
        notice_kind text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('no_longer_due')),
        occasion jsonb NOT NULL,
        dropped_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TRIGGER notice_drop_append_only BEFORE UPDATE OR DELETE ON notice_drop
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notice_drop`);
  }
}
