import { changeRequestDeadlineRule } from './change-request-deadline.rule';
import { promptUseDeadlineRule } from './prompt-use-deadline.rule';
import type { ReminderRule } from './reminder-rule';
import { reportDueRule } from './report-due.rule';
import { reviewDeadlineRule } from './review-deadline.rule';
import { submissionDeadlineRule } from './submission-deadline.rule';

/**
 * Every reminder the sweep sends. Still to come, each with the issue that creates its entity:
 * - written_vote_closing: the written-vote issue (Umlaufverfahren, members who have not voted);
 * - report_overdue: sent after its deadline, which `dueReminderOffset` does not cover yet.
 */
export const REMINDER_RULES: readonly ReminderRule[] = [
  submissionDeadlineRule,
  changeRequestDeadlineRule,
  promptUseDeadlineRule,
  reportDueRule,
  reviewDeadlineRule,
];
