import type { MigrationInterface, QueryRunner } from 'typeorm';

const RULES = ['quorum_numerator', 'quorum_denominator', 'majority', 'abstentions_count_as_cast'];

/**
 * What was decided is recorded with the rules in force at that moment, never re-read later
 * (TRUST.md): every vote keeps the committee's quorum share, majority and abstention rule as they
 * were when it opened, and every session those it was opened with. Votes and sessions that exist
 * already take the committee's current rules, the best record there is of them.
 *
 * A roll call also keeps who held the seats when it closed (`seats`, the attendance its quorum and
 * tally were measured against) and the quorum when it was opened (`quorum_at_open`), so the
 * minutes name who was in the room for each item and note an item opened without a quorum.
 */
export class RecordRulesAndAttendancePerVote1763783100000 implements MigrationInterface {
  name = 'RecordRulesAndAttendancePerVote1763783100000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['committee_vote', 'committee_session']) {
      await db.query(`
        ALTER TABLE ${table}
          ADD COLUMN quorum_numerator integer CHECK (quorum_numerator > 0),
          ADD COLUMN quorum_denominator integer CHECK (quorum_denominator > 0),
          ADD COLUMN majority text CHECK (majority IN ('simple', 'two_thirds')),
          ADD COLUMN abstentions_count_as_cast boolean,
          ADD CONSTRAINT ${table}_rules_complete
            CHECK (num_nonnulls(${RULES.join(', ')}) IN (0, 4) AND quorum_numerator <= quorum_denominator)`);
      await db.query(`
        UPDATE ${table} t SET ${RULES.map((c) => `${c} = c.${c}`).join(', ')}
          FROM committee c WHERE c.id = t.committee_id
           ${table === 'committee_session' ? `AND t.status <> 'scheduled'` : ''}`);
    }
    await db.query(
      `ALTER TABLE committee_vote ${RULES.map((c) => `ALTER COLUMN ${c} SET NOT NULL`).join(', ')}`,
    );
    await db.query(`
      ALTER TABLE committee_session ADD CONSTRAINT committee_session_rules_when_opened
        CHECK (status = 'scheduled' OR quorum_numerator IS NOT NULL)`);
    await db.query(`
      ALTER TABLE committee_vote
        ADD COLUMN seats jsonb,
        ADD COLUMN quorum_at_open jsonb,
        ADD CONSTRAINT committee_vote_seats_of_roll_call CHECK (procedure = 'roll_call' OR seats IS NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE committee_vote DROP CONSTRAINT committee_vote_seats_of_roll_call,
        DROP COLUMN quorum_at_open, DROP COLUMN seats`);
    await db.query(`ALTER TABLE committee_session DROP CONSTRAINT committee_session_rules_when_opened`);
    for (const table of ['committee_vote', 'committee_session']) {
      await db.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ${table}_rules_complete, ${RULES.map((c) => `DROP COLUMN ${c}`).join(', ')}`,
      );
    }
  }
}
