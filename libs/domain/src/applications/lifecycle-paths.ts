import type { LifecycleFacts } from './lifecycle-facts';
import { applicationLifecycle } from './lifecycle-machine';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  LIFECYCLE_ROLES,
  type ApplicationEventType,
  type ApplicationState,
} from './lifecycle-vocabulary';

export interface LifecyclePath {
  target: ApplicationState;
  /** The events from `draft`, in order; empty for `draft` itself. */
  events: ApplicationEventType[];
}

/**
 * Facts under which every guard passes: every role, well before the deadlines, complete content,
 * declarations confirmed, the committee's decision adopted and the list sent (the path driver
 * creates both for real before the steps that need them). The Senate's selection starts unrecorded, so paths to `approved` record
 * it first, as a real application must.
 */
export function passingFacts(now = new Date('2027-01-15T12:00:00Z')): LifecycleFacts {
  return {
    roles: LIFECYCLE_ROLES,
    now,
    submissionDeadline: new Date(now.getTime() + 14 * 86_400_000),
    replyDeadline: null,
    problems: [],
    senateSelectionRecorded: false,
    planAdjustmentRequired: false,
    declarationsConfirmed: true,
    hasOpenCallOffs: false,
    decisionAdopted: true,
    onSentList: true,
  };
}

/**
 * The shortest event path from `draft` to every state, generated from the machine with
 * @xstate/graph: model-based tests replay them through the HTTP API.
 */
export function lifecyclePaths(): LifecyclePath[] {
  // @xstate/graph is a development dependency: loaded only when tests ask for paths, so the
  // production image (installed without dev dependencies) never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getShortestPaths } = require('@xstate/graph') as typeof import('@xstate/graph');
  const found = getShortestPaths(applicationLifecycle, {
    input: passingFacts(),
    events: APPLICATION_EVENT_TYPES.map((type) => ({ type })),
  });
  // Paths are per snapshot (state and context); keep the shortest per state.
  const shortest = new Map<ApplicationState, LifecyclePath>();
  for (const path of found) {
    const target = path.state.value as ApplicationState;
    const events = path.steps.slice(1).map((step) => step.event.type);
    const known = shortest.get(target);
    if (!known || events.length < known.events.length) shortest.set(target, { target, events });
  }
  return APPLICATION_STATES.flatMap((state) => shortest.get(state) ?? []);
}
