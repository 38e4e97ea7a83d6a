import type { ApplicationState } from '../../api/applications';
import type { BadgeVariant } from '../Badge';

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

/**
 * The states of the usual path, in order, for the status timeline: a copy of `TIMELINE_STATES` of
 * the lifecycle machine (libs/domain), kept equal by test/architecture/web-lifecycle.int.spec.ts,
 * because the browser bundle must not pull in the machine.
 */
export const timelineStates: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'in_review',
  'in_planning',
  'selected',
  'approved',
  'in_implementation',
  'final_report_submitted',
  'completed',
];
