import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads stream from the request into PostgreSQL instead of being held in the API's memory
 * (issue 16: the API stays under 250 MB during an upload flood). A file lands here first, row by
 * row as its bytes arrive; the service that accepts it moves it into its own table in the same
 * transaction as the rest of its record. Unlogged: a staged file that a crash loses was never
 * accepted, and its upload simply failed.
 */
export class StageUploads1763795200000 implements MigrationInterface {
  name = 'StageUploads1763795200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE upload_staging (
        token uuid PRIMARY KEY,
        content bytea NOT NULL,
        staged_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE upload_staging`);
  }
}
