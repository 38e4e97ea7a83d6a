import type { ApplicationState } from '../../api/applications';
import type { BadgeVariant } from '../Badge';
import { TIMELINE_STATES } from '@kiezfonds/domain';

/** How a state looks in lists and headers: waiting is information, trouble a warning, ends final. */
export const stateVariants: Record<ApplicationState, BadgeVariant> = {
  draft: 'info',
  submitted: 'info',
  changes_requested: 'warning',
  in_review: 'info',
  in_planning: 'info',
  selected: 'success',
  waitlisted: 'warning',
  rejected: 'danger',
  approved: 'success',
  in_implementation: 'success',
  final_report_submitted: 'info',
  completed: 'success',
  withdrawn: 'danger',
  revoked: 'danger',
};

/** States in which the carrier works on the content (the server says so per caller in `editable`). */
export const carrierEditingStates: readonly ApplicationState[] = ['draft', 'changes_requested', 'selected'];

/** States after the grant notice: money is committed, call-offs and reports follow. */
export const fundedStates: readonly ApplicationState[] = [
  'approved',
  'in_implementation',
  'final_report_submitted',
  'completed',
  'revoked',
];

/** The states of the usual path, in order, for the status timeline (the lifecycle machine's). */
export const timelineStates: readonly ApplicationState[] = TIMELINE_STATES;
