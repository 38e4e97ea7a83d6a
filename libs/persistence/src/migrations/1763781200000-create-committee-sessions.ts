import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Committee sessions (issue 7): a session of one committee with an agenda of applications, the
 * attendance as it stands (who is in the room changes during a session, so it is kept current and
 * every change is audited), and roll-call votes on agenda items in the vote tables of the written
 * procedure.
 */
export class CreateCommitteeSessions1763781200000 implements MigrationInterface {
  name = 'CreateCommitteeSessions1763781200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE committee_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES app_user (id),
        committee_id uuid NOT NULL REFERENCES committee (id),
        title text NOT NULL CHECK (btrim(title) <> ''),
        starts_at timestamptz NOT NULL,
        place text NOT NULL CHECK (btrim(place) <> ''),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'closed')),
        opened_at timestamptz,
        closed_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX committee_session_committee_idx ON committee_session (committee_id, starts_at)`,
    );

    await db.query(`
      CREATE TABLE session_agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES committee_session (id),
        position integer NOT NULL CHECK (position > 0),
        application_id uuid NOT NULL REFERENCES application (id),
        CONSTRAINT session_agenda_item_position_unique UNIQUE (session_id, position),
        CONSTRAINT session_agenda_item_application_unique UNIQUE (session_id, application_id)
      )`);

    await db.query(`
      CREATE TABLE session_attendance (
        session_id uuid NOT NULL REFERENCES committee_session (id),
        committee_member_id uuid NOT NULL REFERENCES committee_member (id),
        present boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, committee_member_id)
      )`);

    await db.query(`
      ALTER TABLE committee_vote
        ADD COLUMN session_id uuid REFERENCES committee_session (id),
        ADD COLUMN agenda_item_id uuid REFERENCES session_agenda_item (id),
        ADD CONSTRAINT committee_vote_roll_call_in_session
          CHECK (procedure <> 'roll_call' OR (session_id IS NOT NULL AND agenda_item_id IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Reverting drops the roll-call votes with the sessions they belong to; only here may the
    // append-only ballots go.
    await db.query(`ALTER TABLE committee_ballot DISABLE TRIGGER committee_ballot_append_only`);
    await db.query(
      `DELETE FROM committee_ballot WHERE vote_id IN (SELECT id FROM committee_vote WHERE procedure = 'roll_call')`,
    );
    await db.query(`ALTER TABLE committee_ballot ENABLE TRIGGER committee_ballot_append_only`);
    await db.query(`DELETE FROM committee_vote WHERE procedure = 'roll_call'`);
    await db.query(`
      ALTER TABLE committee_vote DROP CONSTRAINT committee_vote_roll_call_in_session,
        DROP COLUMN agenda_item_id, DROP COLUMN session_id`);
    await db.query(`DROP TABLE session_attendance`);
    await db.query(`DROP TABLE session_agenda_item`);
    await db.query(`DROP TABLE committee_session`);
  }
}
