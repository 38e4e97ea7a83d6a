import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Netzwerkfonds application workflow (issue 6): what a call asks for, the application's
 * content, its submitted snapshots, attachments, change requests, the grant notice, call-offs,
 * reports, repayment claims, and the idempotency keys of lifecycle commands.
 *
 * Files (attachments, call documents) live in `bytea` columns: the district runs one PostgreSQL,
 * backups then cover them, and the size limit (20 MB) keeps rows manageable. The checksum is
 * stored so a download can be verified against what was uploaded.
 *
 * Additive on existing data: the new application columns have defaults, the reference is
 * backfilled for existing rows before it becomes NOT NULL.
 */
export class CreateApplicationWorkflow1763781000000 implements MigrationInterface {
  name = 'CreateApplicationWorkflow1763781000000';

  async up(db: QueryRunner): Promise<void> {
    // The office that issues the district's grant notices: letterhead, address and signatory.
    await db.query(`
      ALTER TABLE district
        ADD COLUMN office_name text NOT NULL DEFAULT 'Stadtentwicklungsamt',
        ADD COLUMN office_unit text,
        ADD COLUMN office_street text,
        ADD COLUMN office_postal_code text CHECK (office_postal_code ~ '^[0-9]{5}$'),
        ADD COLUMN office_city text NOT NULL DEFAULT 'Berlin',
        ADD COLUMN office_email text,
        ADD COLUMN signatory_name text,
        ADD COLUMN signatory_role text`);
    await db.query(`
      ALTER TABLE call
        ADD COLUMN required_attachments jsonb NOT NULL DEFAULT '[]'
          CHECK (jsonb_typeof(required_attachments) = 'array'),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN opened_at timestamptz,
        ADD COLUMN closed_at timestamptz`);

    await db.query(`
      CREATE TABLE call_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (btrim(title) <> ''),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX call_document_call_idx ON call_document (call_id)`);

    // File numbers like NWF-2027-014: one sequence, the programme year in front for humans.
    await db.query(`CREATE SEQUENCE application_reference_seq`);
    await db.query(`
      ALTER TABLE application
        ADD COLUMN reference text,
        ADD COLUMN content jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(content) = 'object'),
        ADD COLUMN requested_cents bigint NOT NULL DEFAULT 0 CHECK (requested_cents >= 0),
        ADD COLUMN created_by uuid REFERENCES app_user (id),
        ADD COLUMN senate_amount_cents bigint CHECK (senate_amount_cents > 0),
        ADD COLUMN approved_cents bigint CHECK (approved_cents > 0),
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN closed_at timestamptz`);
    await db.query(`
      UPDATE application a SET reference = 'NWF-' || c.programme_year || '-' ||
        lpad(nextval('application_reference_seq')::text, 3, '0')
      FROM call c WHERE c.id = a.call_id`);
    await db.query(`ALTER TABLE application ALTER COLUMN reference SET NOT NULL`);
    // Whoever inserts an application (the service, a factory, an import) gets a file number.
    await db.query(`
      CREATE FUNCTION application_assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference IS NULL THEN
          SELECT 'NWF-' || c.programme_year || '-' || lpad(nextval('application_reference_seq')::text, 3, '0')
            INTO NEW.reference FROM call c WHERE c.id = NEW.call_id;
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER application_reference BEFORE INSERT ON application
      FOR EACH ROW EXECUTE FUNCTION application_assign_reference()`);
    await db.query(`ALTER TABLE application ADD CONSTRAINT application_reference_unique UNIQUE (reference)`);

    // Every submitted version is kept (issue 6, change requests): the coordinator compares them.
    await db.query(`
      CREATE TABLE application_version (
        application_id uuid NOT NULL REFERENCES application (id),
        number integer NOT NULL CHECK (number >= 1),
        title text NOT NULL,
        content jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid REFERENCES app_user (id),
        PRIMARY KEY (application_id, number)
      )`);
    await db.query(`
      CREATE TRIGGER application_version_append_only BEFORE UPDATE OR DELETE ON application_version
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);

    await db.query(`
      CREATE TABLE application_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        kind text NOT NULL CHECK (kind ~ '^[a-z0-9_]{1,60}$'),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX application_attachment_application_idx ON application_attachment (application_id)`,
    );

    await db.query(`
      CREATE TABLE change_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        message text NOT NULL CHECK (btrim(message) <> ''),
        reply_deadline timestamptz NOT NULL,
        requested_by uuid REFERENCES app_user (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        answered_version integer
      )`);
    // At most one open change request per application.
    await db.query(`
      CREATE UNIQUE INDEX change_request_one_open ON change_request (application_id) WHERE answered_at IS NULL`);

    // The grant notice (Zuwendungsbescheid) as issued: what the PDF shows and the ledger committed.
    await db.query(`
      CREATE TABLE grant_notice (
        application_id uuid PRIMARY KEY REFERENCES application (id),
        reference text NOT NULL UNIQUE,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        instalments jsonb NOT NULL CHECK (jsonb_typeof(instalments) = 'array'),
        report_deadlines jsonb NOT NULL CHECK (jsonb_typeof(report_deadlines) = 'array'),
        conditions text NOT NULL DEFAULT '',
        issued_on date NOT NULL,
        issued_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE call_off (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        number integer NOT NULL CHECK (number >= 1),
        cash_year integer NOT NULL CHECK (cash_year BETWEEN 2000 AND 2100),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        purpose text NOT NULL DEFAULT '',
        state text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'paid', 'rejected')),
        requested_by uuid REFERENCES app_user (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES app_user (id),
        decided_at timestamptz,
        paid_on date,
        spend_by date,
        ledger_entry_id uuid REFERENCES ledger_entry (id),
        reject_reason text,
        CONSTRAINT call_off_number_unique UNIQUE (application_id, number),
        CONSTRAINT call_off_paid_complete CHECK (
          (state = 'paid') = (paid_on IS NOT NULL AND spend_by IS NOT NULL AND ledger_entry_id IS NOT NULL))
      )`);

    await db.query(`
      CREATE TABLE application_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        kind text NOT NULL CHECK (kind IN ('interim', 'final')),
        text text NOT NULL CHECK (btrim(text) <> ''),
        actuals jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(actuals) = 'array'),
        overruns jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(overruns) = 'array'),
        spent_cents bigint CHECK (spent_cents >= 0),
        submitted_by uuid REFERENCES app_user (id),
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX application_report_application_idx ON application_report (application_id)`);

    // Money to be paid back: unspent at the proof of use, or everything paid on revocation. Each
    // line is one payment, because interest runs from that payment's day.
    await db.query(`
      CREATE TABLE repayment_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        reason text NOT NULL CHECK (reason IN ('unspent', 'revocation')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'settled')),
        created_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_on date,
        settled_by uuid REFERENCES app_user (id)
      )`);
    await db.query(`CREATE INDEX repayment_claim_application_idx ON repayment_claim (application_id)`);

    // `Idempotency-Key` of lifecycle commands: the same key from the same user answers the first
    // answer again. Keys are kept a while, then swept (the key is meant for retries, not archives).
    await db.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL REFERENCES app_user (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        scope text NOT NULL,
        request_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_key`);
    await db.query(`DROP TABLE repayment_claim`);
    await db.query(`DROP TABLE application_report`);
    await db.query(`DROP TABLE call_off`);
    await db.query(`DROP TABLE grant_notice`);
    await db.query(`DROP TABLE change_request`);
    await db.query(`DROP TABLE application_attachment`);
    await db.query(`DROP TABLE application_version`);
    await db.query(`DROP TRIGGER application_reference ON application`);
    await db.query(`DROP FUNCTION application_assign_reference()`);
    await db.query(`ALTER TABLE application DROP CONSTRAINT application_reference_unique`);
    await db.query(`
      ALTER TABLE application
        DROP COLUMN reference, DROP COLUMN content, DROP COLUMN requested_cents, DROP COLUMN created_by,
        DROP COLUMN senate_amount_cents, DROP COLUMN approved_cents, DROP COLUMN approved_at,
        DROP COLUMN closed_at`);
    await db.query(`DROP SEQUENCE application_reference_seq`);
    await db.query(`DROP TABLE call_document`);
    await db.query(`
      ALTER TABLE call DROP COLUMN required_attachments, DROP COLUMN updated_at, DROP COLUMN opened_at,
        DROP COLUMN closed_at`);
    await db.query(`
      ALTER TABLE district DROP COLUMN office_name, DROP COLUMN office_unit, DROP COLUMN office_street,
        DROP COLUMN office_postal_code, DROP COLUMN office_city, DROP COLUMN office_email,
        DROP COLUMN signatory_name, DROP COLUMN signatory_role`);
  }
}
