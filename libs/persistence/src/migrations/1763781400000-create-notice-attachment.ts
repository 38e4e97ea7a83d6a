import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files a notice carries to its recipients' mailboxes (the invitation's agenda as PDF). A command
 * stores the file once, in its own transaction, and its notices name it; the worker attaches it
 * when it sends each mail. Rows are never changed: what was sent is what is kept.
 */
export class CreateNoticeAttachment1763781400000 implements MigrationInterface {
  name = 'CreateNoticeAttachment1763781400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notice_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        file_name text NOT NULL CHECK (file_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$'),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf')),
        content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 10485760)
      )`);
    await db.query(`
      CREATE FUNCTION notice_attachment_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'notice_attachment rows are never changed';
      END $$`);
    await db.query(`
      CREATE TRIGGER notice_attachment_unchanged BEFORE UPDATE ON notice_attachment
        FOR EACH ROW EXECUTE FUNCTION notice_attachment_unchanged()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notice_attachment`);
    await db.query(`DROP FUNCTION notice_attachment_unchanged()`);
  }
}
