import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox no longer sends NOTIFY from inside the writing transaction (ADR 0021): a NOTIFY holds
 * PostgreSQL's notification-queue lock from the start of the commit to its end, WAL flush
 * included, so every command that queued a notice committed one at a time. The process that
 * committed now wakes the relay afterwards (OutboxWakeUp in libs/messaging).
 */
export class NotifyOutboxAfterCommit1763796500000 implements MigrationInterface {
  name = 'NotifyOutboxAfterCommit1763796500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS outbox_notify ON outbox`);
    await db.query(`DROP FUNCTION IF EXISTS notify_outbox()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox()`);
  }
}
