import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An administrator's retry of failed notices counts up the notice's retry generation, which is part
 * of its job id: the relay then enqueues a new job beside the failed one, so the retry needs only
 * PostgreSQL and works while Redis is down (TRUST.md, "Work and delivery"). The delivery key and
 * the mail's claim stay as they are, so a retry never sends twice.
 */
export class RetryGenerationOnOutbox1763796850000 implements MigrationInterface {
  name = 'RetryGenerationOnOutbox1763796850000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE outbox ADD COLUMN retry_generation integer NOT NULL DEFAULT 0 CHECK (retry_generation >= 0)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox DROP COLUMN retry_generation`);
  }
}
