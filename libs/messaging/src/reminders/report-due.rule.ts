import type { EntityManager } from 'typeorm';
import { carrierCandidates, type ApplicationOccasion } from './carrier-reminders';
import { exists, type ReminderCandidate, type ReminderRule, SAME_DEADLINE } from './reminder-rule';
import { OPEN_REPORT_DEADLINES } from './report-deadlines';

const OFFSETS_DAYS = [14, 3, 1] as const;

/** "Your report is due": 14, 3 and 1 days before each open report deadline of the grant notice. */
export const reportDueRule: ReminderRule = {
  kind: 'report_due',
  offsetsDays: OFFSETS_DAYS,

  async findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]> {
    const occasions = (await tx.query(
      `SELECT * FROM (${OPEN_REPORT_DEADLINES}) o
        WHERE o.deadline > $1::timestamptz AND o.deadline <= $1::timestamptz + make_interval(days => $2::int)
        ORDER BY o.application_id, o.deadline, o.entity_id`,
      [now, Math.max(...OFFSETS_DAYS) + 1],
    )) as ApplicationOccasion[];
    return carrierCandidates(
      tx,
      occasions.map((o) => ({ ...o, link_section: '/berichte' })),
      now,
      timeZone,
    );
  },

  stillDue: (db, { entityId, deadline }) => reportStillOpen(db, entityId, deadline),
};

/** The report deadline is still open and still the one the reminder names. */
export function reportStillOpen(
  db: Parameters<ReminderRule['stillDue']>[0],
  entityId: string,
  deadline: Date,
) {
  return exists(
    db,
    `SELECT 1 FROM (${OPEN_REPORT_DEADLINES}) o WHERE o.entity_id = $1 AND ${SAME_DEADLINE('o.deadline', '$2')}`,
    [entityId, deadline],
  );
}
