import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invitation carries the grant it promises (a role in a district, or membership of an
 * organisation), applied only when the invited person accepts. The grant is kept as typed, foreign-
 * keyed columns rather than JSON, so the database guarantees it names a real district or
 * organisation and fits the token's purpose. No invitation could be created before this change, so
 * the CHECK can be added at once.
 */
export class AddInvitationGrantToOneTimeToken1763780500000 implements MigrationInterface {
  name = 'AddInvitationGrantToOneTimeToken1763780500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE one_time_token
        ADD COLUMN grant_role text
          CHECK (grant_role IN ('carrier', 'board_member', 'coordinator', 'finance', 'admin')),
        ADD COLUMN grant_district_id uuid REFERENCES district (id),
        ADD COLUMN grant_organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        ADD CONSTRAINT one_time_token_grant_fits_purpose CHECK (
          CASE purpose
            WHEN 'password_reset' THEN
              grant_role IS NULL AND grant_district_id IS NULL AND grant_organisation_id IS NULL
            ELSE
              (grant_role = 'carrier' AND grant_organisation_id IS NOT NULL AND grant_district_id IS NULL)
              OR (grant_role <> 'carrier' AND grant_district_id IS NOT NULL AND grant_organisation_id IS NULL)
          END
        )`);
    // Throttling reset mails and ending a user's outstanding links look tokens up by user and purpose.
    await db.query(
      `CREATE INDEX one_time_token_user_purpose_idx ON one_time_token (user_id, purpose, created_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX one_time_token_user_purpose_idx`);
    await db.query(`
      ALTER TABLE one_time_token
        DROP CONSTRAINT one_time_token_grant_fits_purpose,
        DROP COLUMN grant_organisation_id,
        DROP COLUMN grant_district_id,
        DROP COLUMN grant_role`);
  }
}
