import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An `Idempotency-Key` is honoured for a day (`RETENTION.idempotencyKeyHours`); the retention
 * sweep then deletes its stored answer, which can quote personal data. The sweep runs every hour
 * over a table every command with a key writes to: with this index a run that finds nothing to
 * delete reads one index page instead of the whole table (STYLE.md, "Fast by construction").
 */
export class IndexIdempotencyKeysByAge1763797200000 implements MigrationInterface {
  name = 'IndexIdempotencyKeysByAge1763797200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idempotency_key_created_at_idx`);
  }
}
