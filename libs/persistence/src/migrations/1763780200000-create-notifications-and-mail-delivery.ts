import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What messaging needs beside the outbox: the keys of mails already sent (so a redelivered job
 * sends nothing twice), each user's in-app notifications, and which reminder kinds a user also
 * wants by e-mail. A NOTIFY on every outbox insert wakes the relay at commit time; a rolled-back
 * command sends no NOTIFY, because PostgreSQL delivers notifications only on commit.
 */
export class CreateNotificationsAndMailDelivery1763780200000 implements MigrationInterface {
  name = 'CreateNotificationsAndMailDelivery1763780200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mail_delivery (
        delivery_key text PRIMARY KEY,
        recipient text NOT NULL,
        notice_kind text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        link text,
        delivery_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notification_delivery_key_unique UNIQUE (delivery_key)
      )`);
    await db.query(`CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC)`);
    await db.query(`CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL`);

    await db.query(`
      CREATE TABLE notification_preference (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL,
        email boolean NOT NULL,
        PRIMARY KEY (user_id, kind)
      )`);

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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER outbox_notify ON outbox`);
    await db.query(`DROP FUNCTION notify_outbox()`);
    await db.query(`DROP TABLE notification_preference`);
    await db.query(`DROP TABLE notification`);
    await db.query(`DROP TABLE mail_delivery`);
  }
}
