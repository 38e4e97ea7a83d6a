import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security hardening (issue 16, ADR 0008–0010):
 * - a self-registered account is `unverified` until its address is confirmed by a mailed link,
 *   which is a one-time link of the new purpose `email_verification`;
 * - personal API tokens expire (chosen at creation, at most a year); tokens made before have a
 *   year from their creation, and a token created without a choice gets 90 days;
 * - `rate_limit` is the PostgreSQL store of rate-limiter-flexible (its own column layout), so the
 *   limits hold across API instances without another service.
 */
export class HardenAccountsLinksAndLimits1763784000000 implements MigrationInterface {
  name = 'HardenAccountsLinksAndLimits1763784000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_status_check`);
    await db.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_status_check
        CHECK (status IN ('unverified', 'invited', 'active', 'disabled', 'pseudonymised'))`);

    await db.query(`ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_purpose_check`);
    await db.query(`
      ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
        CHECK (purpose IN ('invitation', 'password_reset', 'email_verification'))`);
    // Only an invitation grants something; every other link grants nothing.
    await db.query(`ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_grant_fits_purpose`);
    await db.query(`
      ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_grant_fits_purpose CHECK (
        CASE purpose
          WHEN 'invitation' THEN
            (grant_role = 'carrier' AND grant_organisation_id IS NOT NULL AND grant_district_id IS NULL)
            OR (grant_role <> 'carrier' AND grant_district_id IS NOT NULL AND grant_organisation_id IS NULL)
          ELSE
            grant_role IS NULL AND grant_district_id IS NULL AND grant_organisation_id IS NULL
        END)`);

    await db.query(`ALTER TABLE api_token ADD COLUMN expires_at timestamptz`);
    await db.query(`UPDATE api_token SET expires_at = created_at + interval '365 days'`);
    await db.query(`ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL`);
    // What a token gets when its creator names no expiry: a quarter, as the web form proposes.
    await db.query(`ALTER TABLE api_token ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days'`);
    await db.query(`
      ALTER TABLE api_token ADD CONSTRAINT api_token_lifetime
        CHECK (expires_at > created_at AND expires_at <= created_at + interval '366 days')`);

    await db.query(`
      CREATE TABLE rate_limit (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX rate_limit_expire_idx ON rate_limit (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit`);
    await db.query(`ALTER TABLE api_token DROP CONSTRAINT api_token_lifetime`);
    await db.query(`ALTER TABLE api_token DROP COLUMN expires_at`);
    await db.query(`DELETE FROM one_time_token WHERE purpose = 'email_verification'`);
    await db.query(`ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_grant_fits_purpose`);
    await db.query(`
      ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_grant_fits_purpose CHECK (
        CASE purpose
          WHEN 'password_reset' THEN
            grant_role IS NULL AND grant_district_id IS NULL AND grant_organisation_id IS NULL
          ELSE
            (grant_role = 'carrier' AND grant_organisation_id IS NOT NULL AND grant_district_id IS NULL)
            OR (grant_role <> 'carrier' AND grant_district_id IS NOT NULL AND grant_organisation_id IS NULL)
        END)`);
    await db.query(`ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_purpose_check`);
    await db.query(`
      ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
        CHECK (purpose IN ('invitation', 'password_reset'))`);
    await db.query(`UPDATE app_user SET status = 'disabled' WHERE status = 'unverified'`);
    await db.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_status_check`);
    await db.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_status_check
        CHECK (status IN ('invited', 'active', 'disabled', 'pseudonymised'))`);
  }
}
