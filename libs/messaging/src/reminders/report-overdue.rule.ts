import { applicationFacts, carrierReminders } from './carrier-reminders';
import type { ReminderRule } from './reminder-rule';
import { OPEN_REPORT_DEADLINES } from './report-deadlines';
import { reportStillOpen } from './report-due.rule';

/** Open report deadlines that passed within the sweep's reach ($1 now, $2 days back). */
const OVERDUE = `SELECT * FROM (${OPEN_REPORT_DEADLINES}) o
  WHERE o.deadline <= $1::timestamptz AND o.deadline > $1::timestamptz - make_interval(days => $2::int)`;

const carrier = carrierReminders(OVERDUE, '/berichte');

/**
 * "Your report is overdue": a day and a week after a report deadline of the grant notice passed
 * without the report, to the carrier's members and to the district's coordinators, who decide
 * what follows (an extension, or the steps towards a repayment). The coordinators hear of it where
 * the carrier has someone to remind. The carrier's rows come first, so a coordinator who is also a
 * member (one delivery key) gets the carrier's text.
 */
export const reportOverdueRule: ReminderRule = {
  kind: 'report_overdue',
  deadlines: carrier.deadlines,
  occasions: `
    SELECT carrier.entity_id, carrier.deadline, carrier.offset_days, carrier.deadline_iso, carrier.says,
           carrier.user_id, carrier.email, carrier.display_name,
           carrier.language, carrier.district_name, carrier.link,
           carrier.data || jsonb_build_object('audience', 'carrier') AS data
      FROM (${carrier.occasions}) carrier
    UNION ALL
    SELECT o.entity_id, due.deadline, due.offset_days, due.deadline_iso, due.says, u.id, u.email, u.display_name, u.language, d.name,
           '/eingang/' || a.id,
           ${applicationFacts('a', 'org')} || o.facts::jsonb || jsonb_build_object('audience', 'coordinator')
      FROM (${OVERDUE}) o
      JOIN due ON due.deadline = o.deadline
      JOIN application a ON a.id = o.application_id
      JOIN organisation org ON org.id = a.organisation_id
      JOIN call c ON c.id = a.call_id
      JOIN district d ON d.id = c.district_id
      JOIN app_user u ON u.status = 'active'
       AND EXISTS (SELECT 1 FROM role_assignment r
                    WHERE r.user_id = u.id AND r.district_id = c.district_id AND r.role = 'coordinator')
     WHERE EXISTS (SELECT 1 FROM organisation_member m JOIN app_user mu ON mu.id = m.user_id
                    WHERE m.organisation_id = a.organisation_id AND mu.status = 'active')`,

  stillDue: (db, { entityId, deadline }) => reportStillOpen(db, entityId, deadline),
};
