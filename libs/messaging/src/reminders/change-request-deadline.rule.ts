import { carrierReminders } from './carrier-reminders';
import { exists, type ReminderRule, SAME_DEADLINE, WITHIN_REACH } from './reminder-rule';

/** Open change requests of applications still waiting for the answer. */
const OPEN_REQUESTS = `change_request cr JOIN application a ON a.id = cr.application_id
  WHERE cr.answered_at IS NULL AND a.state = 'changes_requested'`;

/** "Please answer our change request": 3 days and 1 day before its reply deadline, while it is open. */
export const changeRequestDeadlineRule: ReminderRule = {
  kind: 'change_request_deadline',
  ...carrierReminders(
    `SELECT cr.id::text AS entity_id, cr.application_id, cr.reply_deadline AS deadline,
            json_build_object('request', json_build_object(
              'requestedOn', to_char(cr.requested_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'),
              'replyBy', to_char(cr.reply_deadline AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'))) AS facts
       FROM ${OPEN_REQUESTS} AND ${WITHIN_REACH('cr.reply_deadline')}`,
    '/bearbeiten',
  ),

  stillDue: (db, { entityId, deadline }) =>
    exists(
      db,
      `SELECT 1 FROM ${OPEN_REQUESTS} AND cr.id = $1 AND ${SAME_DEADLINE('cr.reply_deadline', '$2')}`,
      [entityId, deadline],
    ),
};
