import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The grant notice records, as they were when it was issued (TRUST.md, "Money and decisions"):
 * - `decision`: the committee's decision it rests on, which it cites (the vote, written or in a
 *   session with the session's title and day, the day it was decided, the committee's name, and
 *   the finalised programme plan that sent the application to the Senate);
 * - `recipient`: the carrier as the notice addresses it (name, address, legal representatives),
 *   so an issued notice does not change when the organisation's record does.
 * Notices issued before these columns take what there is now: the application's last adopted
 * decision and the organisation's current address, the best record there is.
 */
export class RecordDecisionAndRecipientOnGrantNotice1763796600000 implements MigrationInterface {
  name = 'RecordDecisionAndRecipientOnGrantNotice1763796600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE grant_notice
        ADD COLUMN decision jsonb
          CONSTRAINT grant_notice_decision_cites_a_vote CHECK (
            decision IS NULL OR (jsonb_typeof(decision) = 'object' AND decision ? 'voteId'
              AND decision->>'procedure' IN ('written', 'roll_call') AND decision ? 'decidedOn')),
        ADD COLUMN recipient jsonb
          CONSTRAINT grant_notice_recipient_is_addressed CHECK (
            recipient IS NULL OR (jsonb_typeof(recipient) = 'object' AND recipient ? 'name'
              AND recipient ? 'street' AND recipient ? 'postalCode' AND recipient ? 'city'))`);
    await db.query(`
      UPDATE grant_notice g SET recipient = jsonb_build_object(
               'name', o.name, 'street', o.street, 'postalCode', o.postal_code, 'city', o.city,
               'legalRepresentatives', o.legal_representatives)
        FROM application a JOIN organisation o ON o.id = a.organisation_id
       WHERE a.id = g.application_id`);
    await db.query(`
      UPDATE grant_notice g SET decision = (
        SELECT jsonb_build_object(
                 'voteId', v.id, 'procedure', v.procedure,
                 'decidedOn', to_char(v.closed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'),
                 'committee', c.name,
                 'session', CASE WHEN s.id IS NULL THEN NULL ELSE jsonb_build_object(
                   'id', s.id, 'title', s.title,
                   'date', to_char(s.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD')) END,
                 'programmePlan', (
                   SELECT jsonb_build_object('id', p.id,
                            'finalisedOn', to_char(p.finalised_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'))
                     FROM programme_plan p JOIN application a ON a.call_id = p.call_id
                    WHERE a.id = g.application_id AND p.status = 'final'))
          FROM committee_vote v
          JOIN committee c ON c.id = v.committee_id
          LEFT JOIN committee_session s ON s.id = v.session_id
         WHERE v.application_id = g.application_id AND v.outcome = 'adopted'
         ORDER BY v.closed_at DESC, v.id
         LIMIT 1)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE grant_notice DROP COLUMN recipient, DROP COLUMN decision`);
  }
}
