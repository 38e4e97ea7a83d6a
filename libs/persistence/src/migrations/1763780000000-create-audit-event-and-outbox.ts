import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two tables every later command writes to: the audit trail, which must stay unaltered for
 * auditability (DOMAIN.md, "Law the app must respect"), and the transactional outbox.
 * `forbid_mutation()` is shared by every append-only table (the ledger will use it too).
 */
export class CreateAuditEventAndOutbox1763780000000 implements MigrationInterface {
  name = 'CreateAuditEventAndOutbox1763780000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION forbid_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on %.% is not allowed: the table is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END;
      $$`);

    await db.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid,
        actor_id uuid,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        from_state text,
        to_state text,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text
      )`);
    await db.query(
      `CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, occurred_at)`,
    );
    await db.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at)`);
    await db.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation()`);

    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        topic text NOT NULL,
        delivery_key text NOT NULL,
        payload jsonb NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        CONSTRAINT outbox_delivery_key_unique UNIQUE (delivery_key)
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE relayed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION forbid_mutation()`);
  }
}
