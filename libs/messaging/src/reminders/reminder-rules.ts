import type { ReminderRule } from './reminder-rule';
import { submissionDeadlineRule } from './submission-deadline.rule';

/**
 * Every reminder the sweep sends. The other reminder kinds of the catalogue are each added here by
 * the issue that creates the entity they are about, together with its rule and query:
 * - change_request_deadline: the change-request issue (reply deadline of a change request);
 * - review_deadline: the committee-review issue (Votum deadline, members without a Votum);
 * - written_vote_closing: the written-vote issue (Umlaufverfahren, members who have not voted);
 * - report_due and report_overdue: the reporting issue (interim reports, proof of use); "overdue"
 *   is sent after its deadline, which `dueReminderOffset` does not cover yet: that issue extends it;
 * - prompt_use_deadline: the call-off issue (spending period of called-off money).
 */
export const REMINDER_RULES: readonly ReminderRule[] = [submissionDeadlineRule];
