import { carrierReminders, endOfBerlinDay } from './carrier-reminders';
import { exists, type ReminderRule, SAME_DEADLINE, WITHIN_REACH } from './reminder-rule';

const DEADLINE = endOfBerlinDay('co.spend_by');

/**
 * Paid call-offs of projects under way whose use the carrier has not reported yet: their money
 * must be spent by `spend_by`. A reported use ends the reminders, also one already queued.
 */
const UNUSED_PAID_CALL_OFFS = `call_off co JOIN application a ON a.id = co.application_id
  WHERE co.state = 'paid' AND co.used_on IS NULL AND a.state = 'in_implementation'`;

/**
 * "Called-off money must be spent by …" (prompt use, DOMAIN.md step 8): 14 and 3 days before the
 * spending period of a paid call-off ends, while the project runs.
 */
export const promptUseDeadlineRule: ReminderRule = {
  kind: 'prompt_use_deadline',
  ...carrierReminders(
    `SELECT co.id::text AS entity_id, co.application_id, ${DEADLINE} AS deadline,
            json_build_object('callOff', json_build_object('number', co.number,
              'amountCents', co.amount_cents, 'paidOn', co.paid_on::text, 'spendBy', co.spend_by::text)) AS facts
       FROM ${UNUSED_PAID_CALL_OFFS} AND ${WITHIN_REACH(DEADLINE)}`,
  ),

  stillDue: (db, { entityId, deadline }) =>
    exists(db, `SELECT 1 FROM ${UNUSED_PAID_CALL_OFFS} AND co.id = $1 AND ${SAME_DEADLINE(DEADLINE, '$2')}`, [
      entityId,
      deadline,
    ]),
};
