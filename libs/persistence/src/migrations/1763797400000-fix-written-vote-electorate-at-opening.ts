import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A membership row `m` is held on the Berlin date of the instant `at`. */
const HELD_ON = (at: string) => `m.valid_from <= (${at} AT TIME ZONE 'Europe/Berlin')::date
       AND (m.valid_to IS NULL OR m.valid_to >= (${at} AT TIME ZONE 'Europe/Berlin')::date)`;

/**
 * A written vote's electorate is fixed when it opens: the voting seats in their own right held
 * that day, the members the opening notice goes to (conflicted ones included: they answer
 * `recused`). Until now the close took the seats held on the day it closed, so a ballot cast by a
 * member whose seat ended meanwhile vanished from the count, and a member who joined after the
 * opening (and never got the notice) was waited for and counted in the quorum: a decision changed
 * with who sat in the committee later (TRUST.md: what was decided is recorded with the rules in
 * force at that moment).
 *
 * Existing votes get the electorate the old code would have counted, so nothing already decided
 * reads differently:
 * - an open vote: today's voting seats, and every seat that already answered (a ballot was only
 *   taken from a voting seat in its own right), so no ballot cast before the update is lost;
 * - a closed vote: the voting seats held on the day it closed, which is what its recorded tally
 *   was computed from (the minutes list these members).
 *
 * The electorate is append-only, and a written vote takes ballots only from its electorate.
 */
export class FixWrittenVoteElectorateAtOpening1763797400000 implements MigrationInterface {
  name = 'FixWrittenVoteElectorateAtOpening1763797400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE committee_vote_electorate (
        vote_id uuid NOT NULL REFERENCES committee_vote (id),
        committee_member_id uuid NOT NULL REFERENCES committee_member (id),
        PRIMARY KEY (vote_id, committee_member_id)
      )`);
    await db.query(
      `CREATE INDEX committee_vote_electorate_member_idx ON committee_vote_electorate (committee_member_id)`,
    );
    await db.query(`
      CREATE TRIGGER committee_vote_electorate_append_only BEFORE UPDATE OR DELETE ON committee_vote_electorate
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);

    await db.query(`
      INSERT INTO committee_vote_electorate (vote_id, committee_member_id)
      SELECT v.id, m.id FROM committee_vote v
        JOIN committee_member m ON m.committee_id = v.committee_id
       WHERE v.procedure = 'written' AND m.voting AND m.substitute_for_id IS NULL
         AND CASE WHEN v.closed_at IS NULL THEN ${HELD_ON('now()')} ELSE ${HELD_ON('v.closed_at')} END
      UNION
      SELECT v.id, b.committee_member_id FROM committee_vote v
        JOIN committee_ballot b ON b.vote_id = v.id
        JOIN committee_member m ON m.id = b.committee_member_id AND m.voting AND m.substitute_for_id IS NULL
       WHERE v.procedure = 'written' AND v.closed_at IS NULL`);

    await db.query(`
      CREATE FUNCTION committee_ballot_in_electorate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM committee_vote v WHERE v.id = NEW.vote_id AND v.procedure = 'written')
           AND NOT EXISTS (SELECT 1 FROM committee_vote_electorate e
                            WHERE e.vote_id = NEW.vote_id AND e.committee_member_id = NEW.committee_member_id) THEN
          RAISE EXCEPTION 'a written vote takes ballots only from the seats it opened to'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'committee_ballot_in_electorate';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER committee_ballot_in_electorate BEFORE INSERT ON committee_ballot
      FOR EACH ROW EXECUTE FUNCTION committee_ballot_in_electorate()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER committee_ballot_in_electorate ON committee_ballot`);
    await db.query(`DROP FUNCTION committee_ballot_in_electorate()`);
    await db.query(`DROP TABLE committee_vote_electorate`);
  }
}
