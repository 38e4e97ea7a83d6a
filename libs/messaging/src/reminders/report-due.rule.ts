import { carrierReminders } from './carrier-reminders';
import { exists, type ReminderRule, SAME_DEADLINE, WITHIN_REACH } from './reminder-rule';
import { OPEN_REPORT_DEADLINES } from './report-deadlines';

/** "Your report is due": 14, 3 and 1 days before each open report deadline of the grant notice. */
export const reportDueRule: ReminderRule = {
  kind: 'report_due',
  ...carrierReminders(
    `SELECT * FROM (${OPEN_REPORT_DEADLINES}) o WHERE ${WITHIN_REACH('o.deadline')}`,
    '/berichte',
  ),

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
