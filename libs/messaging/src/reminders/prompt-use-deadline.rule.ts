import type { EntityManager } from 'typeorm';
import { carrierCandidates, endOfBerlinDay, type ApplicationOccasion } from './carrier-reminders';
import type { ReminderCandidate, ReminderRule } from './reminder-rule';

const OFFSETS_DAYS = [14, 3] as const;

/**
 * "Called-off money must be spent by …" (prompt use, DOMAIN.md step 8): 14 and 3 days before the
 * spending period of a paid call-off ends, while the project runs.
 */
export const promptUseDeadlineRule: ReminderRule = {
  kind: 'prompt_use_deadline',
  offsetsDays: OFFSETS_DAYS,

  async findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]> {
    const deadline = endOfBerlinDay('co.spend_by');
    const occasions = (await tx.query(
      `SELECT co.id AS entity_id, co.application_id, ${deadline} AS deadline,
              json_build_object('callOff', json_build_object('number', co.number,
                'amountCents', co.amount_cents, 'paidOn', co.paid_on::text, 'spendBy', co.spend_by::text)) AS facts
       FROM call_off co JOIN application a ON a.id = co.application_id
       WHERE co.state = 'paid' AND a.state = 'in_implementation'
         AND ${deadline} > $1::timestamptz
         AND ${deadline} <= $1::timestamptz + make_interval(days => $2::int)
       ORDER BY co.id`,
      [now, Math.max(...OFFSETS_DAYS) + 1],
    )) as ApplicationOccasion[];
    return carrierCandidates(tx, occasions, now, timeZone);
  },
};
