import { assign, getNextTransitions, setup, transition, type AnyTransitionDefinition } from 'xstate';
import { ConflictError, ForbiddenError } from '../errors/domain-error';
import type { NoticeKind } from '../notifications/catalogue';
import {
  LIFECYCLE_CHECKS,
  refusalOf,
  type LifecycleCheck,
  type LifecycleFacts,
  type Permission,
} from './lifecycle-facts';
import {
  APPLICATION_EVENT_TYPES,
  isApplicationEventType,
  type ApplicationEventType,
  type ApplicationState,
  type LifecycleRole,
} from './lifecycle-vocabulary';

/**
 * What a transition asks the service to do in the same transaction, in this order. The machine
 * only names them; the service carries them out (ARCHITECTURE.md, "The application lifecycle").
 */
export const LIFECYCLE_EFFECTS = [
  'cite_decision',
  'snapshot_version',
  'answer_change_request',
  'open_change_request',
  'check_double_funding',
  'record_senate_selection',
  'commit_funds',
  'record_final_report',
  'decommit_unpaid',
  'claim_repayment_paid',
  'claim_repayment_unspent',
] as const;

type DataEffect = (typeof LIFECYCLE_EFFECTS)[number];

/** A data effect, or `notify:<kind>`: a notice of libs/domain/src/notifications/catalogue.ts. */
export type LifecycleEffect = DataEffect | `notify:${NoticeKind}`;

export interface LifecycleDecision {
  to: ApplicationState;
  effects: LifecycleEffect[];
}

type LifecycleEvent = { type: ApplicationEventType };

const declaredOnly = () => undefined;
const dataEffects = Object.fromEntries(LIFECYCLE_EFFECTS.map((effect) => [effect, declaredOnly])) as Record<
  DataEffect,
  () => void
>;

const CARRIER: LifecycleRole[] = ['carrier'];
const COORDINATOR: LifecycleRole[] = ['coordinator'];

/** The machine's one guard: the caller holds one of `roles` and every check passes. */
function permit(roles: LifecycleRole[], ...checks: LifecycleCheck[]) {
  return { type: 'permitted' as const, params: { roles, checks } satisfies Permission };
}

function notify(kind: NoticeKind) {
  return { type: 'notify' as const, params: { kind } };
}

const withdraw = { WITHDRAW: { target: 'withdrawn', guard: permit(CARRIER) } } as const;
const reject = {
  REJECT: { target: 'rejected', guard: permit(COORDINATOR), actions: [notify('application_rejected')] },
} as const;
const requestChanges = {
  REQUEST_CHANGES: {
    target: 'changes_requested',
    guard: permit(COORDINATOR),
    actions: ['open_change_request', notify('changes_requested')],
  },
} as const;
/**
 * Selection rests on the committee's adopted decision, which the step cites: the finalised
 * programme plan sends it for every application on the list, or a coordinator for one application
 * the committee decided on its own (for example moving up from the waiting list).
 */
const select = {
  SELECT: {
    target: 'selected',
    guard: permit(COORDINATOR, 'committeeDecisionAdopted'),
    actions: ['cite_decision'],
  },
} as const;
const revoke = {
  REVOKE: {
    target: 'revoked',
    guard: permit(COORDINATOR),
    actions: ['decommit_unpaid', 'claim_repayment_paid'],
  },
} as const;

/**
 * The Netzwerkfonds application lifecycle (DOMAIN.md steps 2 to 10, docs/api/applications.md
 * "Events"). Its context is the `LifecycleFacts` of one caller at one moment: resolve a snapshot
 * from the stored state and the facts, then ask it. The single source of truth for which event
 * leads where, who may send it, what must hold and which effects follow.
 */
export const applicationLifecycle = setup({
  types: {
    context: {} as LifecycleFacts,
    events: {} as LifecycleEvent,
    input: {} as LifecycleFacts,
  },
  guards: {
    permitted: ({ context }, params: Permission) => refusalOf(params, context) === null,
  },
  actions: {
    ...dataEffects,
    notify: (_, _params: { kind: NoticeKind }) => undefined,
    // Keeps the model honest for path generation: after this event the selection is on record,
    // as the service will report it in the facts from then on.
    noteSenateSelection: assign({ senateSelectionRecorded: true }),
  },
}).createMachine({
  id: 'applicationLifecycle',
  initial: 'draft',
  context: ({ input }) => input,
  states: {
    draft: {
      on: {
        SUBMIT: {
          target: 'submitted',
          guard: permit(
            CARRIER,
            'beforeSubmissionDeadline',
            'notBelowCallMinimum',
            'withinFiveYearLimit',
            'complete',
          ),
          actions: [
            'snapshot_version',
            'check_double_funding',
            notify('application_submitted'),
            notify('application_received'),
          ],
        },
        ...withdraw,
      },
    },
    submitted: {
      on: {
        PASS_FORMAL_CHECK: { target: 'in_review', guard: permit(COORDINATOR) },
        ...requestChanges,
        ...reject,
        ...withdraw,
      },
    },
    changes_requested: {
      on: {
        // The answer to a change request is due by its reply deadline, not the call's.
        SUBMIT: {
          target: 'submitted',
          guard: permit(
            CARRIER,
            'beforeReplyDeadline',
            'notBelowCallMinimum',
            'withinFiveYearLimit',
            'complete',
          ),
          actions: [
            'snapshot_version',
            'answer_change_request',
            'check_double_funding',
            notify('application_resubmitted'),
          ],
        },
        ...withdraw,
      },
    },
    in_review: {
      on: {
        START_PLANNING: { target: 'in_planning', guard: permit(COORDINATOR) },
        ...requestChanges,
        ...reject,
        ...withdraw,
      },
    },
    in_planning: {
      on: {
        ...select,
        WAITLIST: {
          target: 'waitlisted',
          guard: permit(COORDINATOR, 'committeeDecisionAdopted'),
          actions: ['cite_decision', notify('application_waitlisted')],
        },
        ...reject,
        ...withdraw,
      },
    },
    waitlisted: {
      on: {
        ...select,
        ...reject,
        ...withdraw,
      },
    },
    selected: {
      on: {
        // Stays in `selected`: a reduced amount sends the carrier back to the plan, not the state.
        // The Senate selects from the ranked lists the districts sent, and from nothing else. It
        // records its selection itself; a coordinator may still transcribe one that came by letter.
        RECORD_SENATE_SELECTION: {
          guard: permit(['senate', 'coordinator'], 'onSentList'),
          actions: ['record_senate_selection', 'noteSenateSelection', notify('application_selected')],
        },
        // The full application is written in `selected`, so what SUBMIT checked (the call's
        // rules, the five-year limit) is checked again before the grant notice is issued. The
        // notice rests on the committee's adopted decision, which it cites (TRUST.md).
        APPROVE: {
          target: 'approved',
          guard: permit(
            COORDINATOR,
            'committeeDecisionAdopted',
            'senateSelectionRecorded',
            'planMatchesSelection',
            'declarationsConfirmed',
            'withinFiveYearLimit',
            'complete',
          ),
          actions: ['check_double_funding', 'cite_decision', 'commit_funds', notify('application_approved')],
        },
        ...withdraw,
      },
    },
    approved: {
      on: {
        START_IMPLEMENTATION: { target: 'in_implementation', guard: permit(['carrier', 'coordinator']) },
        ...revoke,
      },
    },
    in_implementation: {
      on: {
        SUBMIT_FINAL_REPORT: {
          target: 'final_report_submitted',
          guard: permit(CARRIER, 'noOpenCallOffs'),
          actions: ['record_final_report'],
        },
        ...revoke,
      },
    },
    final_report_submitted: {
      on: {
        RETURN_FINAL_REPORT: { target: 'in_implementation', guard: permit(COORDINATOR) },
        COMPLETE: {
          target: 'completed',
          guard: permit(COORDINATOR),
          actions: ['decommit_unpaid', 'claim_repayment_unspent'],
        },
        ...revoke,
      },
    },
    rejected: { type: 'final' },
    completed: { type: 'final' },
    withdrawn: { type: 'final' },
    revoked: { type: 'final' },
  },
});

/** The machine's snapshot for a stored state, seen with one caller's facts. */
export function lifecycleSnapshot(state: ApplicationState, facts: LifecycleFacts) {
  return applicationLifecycle.resolveState({ value: state, context: { ...facts } });
}

/** The events the caller may send now: the state has the transition, the role fits, every check passes. */
export function allowedEvents(state: ApplicationState, facts: LifecycleFacts): ApplicationEventType[] {
  const snapshot = lifecycleSnapshot(state, facts);
  return APPLICATION_EVENT_TYPES.filter((type) => snapshot.can({ type }));
}

/**
 * Decides an event: the next state and the effects to carry out, or the reason it is refused.
 *
 * @throws ConflictError `event_not_allowed` (with the caller's allowed events) when the state has
 *   no such transition; ForbiddenError `event_forbidden_for_role` when it has, but not for the
 *   caller's roles; the check's error (`submission_deadline_passed`, `application_incomplete`, …)
 *   when a business condition fails.
 */
export function decideTransition(
  state: ApplicationState,
  event: { type: string },
  facts: LifecycleFacts,
): LifecycleDecision {
  const snapshot = lifecycleSnapshot(state, facts);
  const candidate = isApplicationEventType(event.type)
    ? getNextTransitions(snapshot).find((t) => t.eventType === event.type)
    : undefined;
  if (!candidate) throw new ConflictError('event_not_allowed', allowedEvents(state, facts));
  const refusal = refusalOf(permissionOf(candidate), facts);
  if (refusal === 'role') throw new ForbiddenError('event_forbidden_for_role');
  if (refusal !== null) throw LIFECYCLE_CHECKS[refusal].refusal(facts, allowedEvents(state, facts));

  const [next, actions] = transition(applicationLifecycle, snapshot, {
    type: event.type as ApplicationEventType,
  });
  return { to: next.value as ApplicationState, effects: actions.flatMap(effectOf) };
}

/** One transition as declared in the machine: for documentation and tests. */
export interface LifecycleTransition {
  from: ApplicationState;
  event: ApplicationEventType;
  to: ApplicationState;
  roles: readonly LifecycleRole[];
  checks: readonly LifecycleCheck[];
  effects: LifecycleEffect[];
}

/** Every transition of the machine, state by state in the order of `APPLICATION_STATES`. */
export function lifecycleTransitions(): LifecycleTransition[] {
  return Object.values(applicationLifecycle.root.states).flatMap((node) =>
    Object.values(node.on)
      .flat()
      .map((t) => {
        const from = node.key as ApplicationState;
        return {
          from,
          event: t.eventType as ApplicationEventType,
          to: (t.target?.[0]?.key ?? from) as ApplicationState,
          ...permissionOf(t),
          effects: t.actions.flatMap(effectOf),
        };
      }),
  );
}

function permissionOf(t: AnyTransitionDefinition): Permission {
  const guard = t.guard as { type?: string; params?: Permission } | undefined;
  if (guard?.type !== 'permitted' || !guard.params) {
    throw new Error(`Transition ${t.source.key} → ${t.eventType} has no 'permitted' guard`);
  }
  return guard.params;
}

/** Executed or declared actions as effects; XState's own actions (assign) are not effects. */
function effectOf(action: unknown): LifecycleEffect[] {
  const { type, params } = (typeof action === 'string' ? { type: action } : action) as {
    type?: unknown;
    params?: { kind?: NoticeKind };
  };
  if (type === 'notify' && params?.kind) return [`notify:${params.kind}`];
  return (LIFECYCLE_EFFECTS as readonly unknown[]).includes(type) ? [type as DataEffect] : [];
}
