import { changeRequestDeadlineRule } from './change-request-deadline.rule';
import { promptUseDeadlineRule } from './prompt-use-deadline.rule';
import type { ReminderRule } from './reminder-rule';
import { reportDueRule } from './report-due.rule';
import { reportOverdueRule } from './report-overdue.rule';
import { reviewDeadlineRule } from './review-deadline.rule';
import { submissionDeadlineRule } from './submission-deadline.rule';
import { writtenVoteClosingRule } from './written-vote-closing.rule';

/** Every reminder the sweep sends, each checked again when it is delivered (`stillDue`). */
export const REMINDER_RULES: readonly ReminderRule[] = [
  submissionDeadlineRule,
  changeRequestDeadlineRule,
  promptUseDeadlineRule,
  reportDueRule,
  reportOverdueRule,
  reviewDeadlineRule,
  writtenVoteClosingRule,
];
