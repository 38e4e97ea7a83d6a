import type { EntityManager } from 'typeorm';
import { carrierCandidates, endOfBerlinDay, type ApplicationOccasion } from './carrier-reminders';
import type { ReminderCandidate, ReminderRule } from './reminder-rule';

const OFFSETS_DAYS = [14, 3, 1] as const;

/**
 * "Your report is due": 14, 3 and 1 days before each report deadline of the grant notice. An
 * interim deadline counts as met when as many interim reports were submitted as there are
 * interim deadlines up to it; the proof of use when the project left implementation.
 */
export const reportDueRule: ReminderRule = {
  kind: 'report_due',
  offsetsDays: OFFSETS_DAYS,

  async findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]> {
    const deadline = endOfBerlinDay('d.due');
    const occasions = (await tx.query(
      `WITH deadlines AS (
         SELECT g.application_id, (r->>'due')::date AS due, r->>'kind' AS kind,
                row_number() OVER (PARTITION BY g.application_id, r->>'kind' ORDER BY (r->>'due')::date) AS nth
         FROM grant_notice g CROSS JOIN jsonb_array_elements(g.report_deadlines) r
       )
       SELECT d.application_id || ':' || d.kind || ':' || d.due AS entity_id, d.application_id,
              ${deadline} AS deadline,
              json_build_object('report', json_build_object(
                'type', CASE WHEN d.kind = 'final' THEN 'proof_of_use' ELSE 'interim' END,
                'due', d.due::text)) AS facts
       FROM deadlines d JOIN application a ON a.id = d.application_id
       WHERE a.state = 'in_implementation'
         AND (d.kind = 'final' OR d.nth > (SELECT count(*) FROM application_report rep
                                           WHERE rep.application_id = d.application_id AND rep.kind = 'interim'))
         AND ${deadline} > $1::timestamptz
         AND ${deadline} <= $1::timestamptz + make_interval(days => $2::int)
       ORDER BY d.application_id, d.due, d.kind`,
      [now, Math.max(...OFFSETS_DAYS) + 1],
    )) as ApplicationOccasion[];
    return carrierCandidates(
      tx,
      occasions.map((o) => ({ ...o, link_section: '/berichte' })),
      now,
      timeZone,
    );
  },
};
