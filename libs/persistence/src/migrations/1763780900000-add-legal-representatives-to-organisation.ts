import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legal representatives of a carrier (gesetzliche Vertreter:innen: the Vorstand of an e.V., the
 * Geschäftsführung of a gGmbH), each `{ name, role }`, in the order the carrier gave them. A JSON
 * list rather than a table: they are only ever read and replaced together with the organisation,
 * and no other row refers to one of them. The API requires at least one; organisations registered
 * before this change start with an empty list until their admins fill it in.
 */
export class AddLegalRepresentativesToOrganisation1763780900000 implements MigrationInterface {
  name = 'AddLegalRepresentativesToOrganisation1763780900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisation
        ADD COLUMN legal_representatives jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD CONSTRAINT organisation_legal_representatives_is_array
          CHECK (jsonb_typeof(legal_representatives) = 'array')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisation
        DROP CONSTRAINT organisation_legal_representatives_is_array,
        DROP COLUMN legal_representatives`);
  }
}
