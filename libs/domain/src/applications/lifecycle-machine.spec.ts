import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { BusinessRuleError, ConflictError, DomainError, ForbiddenError } from '../errors/domain-error';
import { isNoticeKind } from '../notifications/catalogue';
import { ApplicationIncompleteError, type LifecycleFacts } from './lifecycle-facts';
import {
  allowedEvents,
  applicationLifecycle,
  decideTransition,
  lifecycleSnapshot,
  lifecycleTransitions,
} from './lifecycle-machine';
import { lifecyclePaths, passingFacts } from './lifecycle-paths';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  FINAL_STATES,
  LIFECYCLE_ROLES,
  TIMELINE_STATES,
  type ApplicationEventType,
  type ApplicationState,
  type LifecycleRole,
  isFinalState,
} from './lifecycle-vocabulary';

const NOW = new Date('2027-01-20T10:00:00Z');

function facts(overrides: Partial<LifecycleFacts> = {}): LifecycleFacts {
  return { ...passingFacts(NOW), senateSelectionRecorded: true, ...overrides };
}

const as = (...roles: LifecycleRole[]) => facts({ roles });

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const allEvents = APPLICATION_EVENT_TYPES.map((type) => ({ type }));

type ContractRow = [ApplicationState, ApplicationEventType, ApplicationState, LifecycleRole[]];

const fromEach = (
  states: ApplicationState[],
  event: ApplicationEventType,
  to: ApplicationState,
  roles: LifecycleRole[],
): ContractRow[] => states.map((from) => [from, event, to, roles]);

/** The Events table of docs/api/applications.md: from, event, to, who. */
const CONTRACT: ContractRow[] = [
  ['draft', 'SUBMIT', 'submitted', ['carrier']],
  ['changes_requested', 'SUBMIT', 'submitted', ['carrier']],
  ['submitted', 'REQUEST_CHANGES', 'changes_requested', ['coordinator']],
  ['in_review', 'REQUEST_CHANGES', 'changes_requested', ['coordinator']],
  ['submitted', 'PASS_FORMAL_CHECK', 'in_review', ['coordinator']],
  ['in_review', 'START_PLANNING', 'in_planning', ['coordinator']],
  ['in_planning', 'SELECT', 'selected', ['coordinator']],
  ['waitlisted', 'SELECT', 'selected', ['coordinator']],
  ['in_planning', 'WAITLIST', 'waitlisted', ['coordinator']],
  ['selected', 'RECORD_SENATE_SELECTION', 'selected', ['senate', 'coordinator']],
  ['selected', 'APPROVE', 'approved', ['coordinator']],
  ['approved', 'START_IMPLEMENTATION', 'in_implementation', ['carrier', 'coordinator']],
  ['in_implementation', 'SUBMIT_FINAL_REPORT', 'final_report_submitted', ['carrier']],
  ['final_report_submitted', 'RETURN_FINAL_REPORT', 'in_implementation', ['coordinator']],
  ['final_report_submitted', 'COMPLETE', 'completed', ['coordinator']],
  ...fromEach(['submitted', 'in_review', 'in_planning', 'waitlisted'], 'REJECT', 'rejected', ['coordinator']),
  ...fromEach(
    ['draft', 'submitted', 'changes_requested', 'in_review', 'in_planning', 'selected', 'waitlisted'],
    'WITHDRAW',
    'withdrawn',
    ['carrier'],
  ),
  ...fromEach(['approved', 'in_implementation', 'final_report_submitted'], 'REVOKE', 'revoked', [
    'coordinator',
  ]),
];

describe('the application lifecycle machine', () => {
  it('has exactly the transitions and roles of the API contract', () => {
    const declared = lifecycleTransitions().map((t) => [t.from, t.event, t.to, [...t.roles]]);
    const key = (t: unknown[]) => `${String(t[0])} ${String(t[1])}`;
    expect(new Map(declared.map((t) => [key(t), t]))).toEqual(new Map(CONTRACT.map((t) => [key(t), t])));
  });

  it('reaches every state from a draft (shortest paths by @xstate/graph)', () => {
    const paths = lifecyclePaths();
    expect(paths.map((p) => p.target)).toEqual([...APPLICATION_STATES]);
    expect(paths.find((p) => p.target === 'draft')?.events).toEqual([]);
    expect(paths.find((p) => p.target === 'approved')?.events).toEqual([
      'SUBMIT',
      'PASS_FORMAL_CHECK',
      'START_PLANNING',
      'SELECT',
      'RECORD_SENATE_SELECTION',
      'APPROVE',
    ]);
  });

  it('replays every generated path through decideTransition to its target', () => {
    for (const { target, events } of lifecyclePaths()) {
      let state: ApplicationState = 'draft';
      let current = passingFacts(NOW);
      for (const type of events) {
        state = decideTransition(state, { type }, current).to;
        // The service reports the recorded selection in the facts from then on.
        if (type === 'RECORD_SENATE_SELECTION') current = { ...current, senateSelectionRecorded: true };
      }
      expect({ target, reached: state }).toEqual({ target, reached: target });
    }
  });

  it('has no dead end: from every non-final state some path leads to a final state', () => {
    for (const state of APPLICATION_STATES.filter((s) => !isFinalState(s))) {
      const paths = getShortestPaths(applicationLifecycle, {
        fromState: lifecycleSnapshot(state, facts()),
        events: allEvents,
      });
      const ends = new Set(paths.map((p) => p.state.value as ApplicationState).filter(isFinalState));
      expect({ state, leadsToAnEnd: ends.size > 0 }).toEqual({ state, leadsToAnEnd: true });
    }
  });

  it('lets every non-final state be left for another state', () => {
    for (const state of APPLICATION_STATES.filter((s) => !isFinalState(s))) {
      const elsewhere = allowedEvents(state, facts()).filter(
        (type) => decideTransition(state, { type }, facts()).to !== state,
      );
      expect({ state, exits: elsewhere.length > 0 }).toEqual({ state, exits: true });
    }
  });

  it('lets nothing leave a final state', () => {
    for (const state of FINAL_STATES) {
      expect(allowedEvents(state, facts())).toEqual([]);
      const error = refusal(() => decideTransition(state, { type: 'SUBMIT' }, facts()));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.data).toEqual({ allowed: [] });
    }
  });

  it('walks the main path of the timeline as simple paths from a draft to completion', () => {
    const paths = getSimplePaths(applicationLifecycle, {
      input: passingFacts(NOW),
      events: allEvents,
      toState: (snapshot) => snapshot.value === 'completed',
    });
    const visits = paths.map((p) => [
      'draft',
      ...p.steps.slice(1).map((s) => s.state.value as ApplicationState),
    ]);
    const mainPath = visits.map((states) => states.filter((s, i) => s !== states[i - 1]));
    expect(mainPath).toContainEqual([...TIMELINE_STATES]);
  });

  describe('roles', () => {
    it.each(CONTRACT.map(([from, event, , roles]) => [event, from, roles] as const))(
      '%s from %s is for %j only',
      (event, from, roles) => {
        for (const role of LIFECYCLE_ROLES) {
          if (roles.includes(role)) {
            expect(() => decideTransition(from, { type: event }, as(role))).not.toThrow();
            expect(allowedEvents(from, as(role))).toContain(event);
          } else {
            expect(refusal(() => decideTransition(from, { type: event }, as(role)))).toEqual(
              new ForbiddenError('event_forbidden_for_role'),
            );
            expect(allowedEvents(from, as(role))).not.toContain(event);
          }
        }
      },
    );

    it('offers each role only its own events', () => {
      expect(allowedEvents('draft', as('carrier'))).toEqual(['SUBMIT', 'WITHDRAW']);
      expect(allowedEvents('draft', as('coordinator'))).toEqual([]);
      expect(allowedEvents('submitted', as('coordinator'))).toEqual([
        'REQUEST_CHANGES',
        'PASS_FORMAL_CHECK',
        'REJECT',
      ]);
      expect(allowedEvents('approved', as('carrier'))).toEqual(['START_IMPLEMENTATION']);
      expect(allowedEvents('in_implementation', as('finance', 'board_member', 'admin'))).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('answers an event the state does not have with the events the caller may send', () => {
      const error = refusal(() => decideTransition('submitted', { type: 'APPROVE' }, as('coordinator')));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.code).toBe('event_not_allowed');
      expect(error.data).toEqual({ allowed: ['REQUEST_CHANGES', 'PASS_FORMAL_CHECK', 'REJECT'] });
    });

    it('selects or waitlists only on an adopted committee decision, which the step cites', () => {
      const undecided = facts({ roles: ['coordinator'], decisionAdopted: false });
      for (const [state, type] of [
        ['in_planning', 'SELECT'],
        ['in_planning', 'WAITLIST'],
        ['waitlisted', 'SELECT'],
      ] as const) {
        expect(refusal(() => decideTransition(state, { type }, undecided))).toEqual(
          new ConflictError('committee_decision_missing', ['REJECT']),
        );
        expect(decideTransition(state, { type }, as('coordinator')).effects).toContain('cite_decision');
      }
      expect(allowedEvents('in_planning', undecided)).toEqual(['REJECT']);
    });

    it("records the Senate's selection only for an application on the list the district sent", () => {
      const offList = facts({ roles: ['coordinator'], onSentList: false, senateSelectionRecorded: false });
      expect(
        refusal(() => decideTransition('selected', { type: 'RECORD_SENATE_SELECTION' }, offList)),
      ).toEqual(new ConflictError('not_on_sent_list', []));
      expect(decideTransition('selected', { type: 'RECORD_SENATE_SELECTION' }, as('coordinator')).to).toBe(
        'selected',
      );
    });

    it('treats an unknown event type as not allowed', () => {
      const error = refusal(() => decideTransition('draft', { type: 'PUBLISH' }, as('carrier')));
      expect(error).toEqual(new ConflictError('event_not_allowed', ['SUBMIT', 'WITHDRAW']));
    });

    it('accepts a submission exactly at the deadline and refuses it a millisecond later', () => {
      const deadline = new Date('2027-01-31T22:59:59.000Z');
      const at = facts({ roles: ['carrier'], submissionDeadline: deadline, now: deadline });
      expect(decideTransition('draft', { type: 'SUBMIT' }, at).to).toBe('submitted');

      const late = { ...at, now: new Date(deadline.getTime() + 1) };
      expect(refusal(() => decideTransition('draft', { type: 'SUBMIT' }, late))).toEqual(
        new BusinessRuleError('submission_deadline_passed', { deadline: '2027-01-31T22:59:59.000Z' }),
      );
      expect(allowedEvents('draft', late)).toEqual(['WITHDRAW']);
    });

    it('lets a change request be answered after the call deadline until its own reply deadline', () => {
      const replyDeadline = new Date('2027-03-15T12:00:00Z');
      const answer = facts({
        roles: ['carrier'],
        submissionDeadline: new Date('2027-01-31T23:00:00Z'),
        replyDeadline,
        now: replyDeadline,
      });
      expect(decideTransition('changes_requested', { type: 'SUBMIT' }, answer).to).toBe('submitted');

      const late = { ...answer, now: new Date(replyDeadline.getTime() + 1) };
      expect(refusal(() => decideTransition('changes_requested', { type: 'SUBMIT' }, late))).toEqual(
        new BusinessRuleError('reply_deadline_passed', { deadline: '2027-03-15T12:00:00.000Z' }),
      );
    });

    it('refuses an incomplete application and lists what is missing', () => {
      const problems = [
        { field: 'summary', rule: 'required' },
        {
          field: 'financingPlan[0]',
          rule: 'sums_mismatch',
          params: { cashYear: 2027, costsCents: '100', financingCents: '90' },
        },
      ];
      const error = refusal(() => decideTransition('draft', { type: 'SUBMIT' }, facts({ problems })));
      expect(error).toBeInstanceOf(ApplicationIncompleteError);
      expect(error).toMatchObject({
        kind: 'business_rule',
        code: 'application_incomplete',
        details: problems,
      });
      expect(error.params).toEqual({ count: 2 });
    });

    it('names the deadline before the gaps when both stand in the way', () => {
      const error = refusal(() =>
        decideTransition(
          'draft',
          { type: 'SUBMIT' },
          facts({
            now: new Date('2027-02-10T00:00:00Z'),
            problems: [{ field: 'summary', rule: 'required' }],
          }),
        ),
      );
      expect(error.code).toBe('submission_deadline_passed');
    });

    it('names the role before any business condition', () => {
      const error = refusal(() =>
        decideTransition('draft', { type: 'SUBMIT' }, facts({ roles: ['coordinator'], problems: [] })),
      );
      expect(error.code).toBe('event_forbidden_for_role');
    });

    it('approves only after the Senate selection, with a matching plan and the declarations', () => {
      const approve = (overrides: Partial<LifecycleFacts>) =>
        refusal(() => decideTransition('selected', { type: 'APPROVE' }, facts(overrides))).code;
      // The notice cites the committee's decision: without an adopted one there is none to cite.
      expect(approve({ decisionAdopted: false })).toBe('committee_decision_missing');
      expect(approve({ senateSelectionRecorded: false })).toBe('senate_selection_missing');
      expect(approve({ planAdjustmentRequired: true })).toBe('plan_adjustment_required');
      expect(approve({ declarationsConfirmed: false })).toBe('declarations_missing');
      // The full application is written in `selected`: what SUBMIT checked is checked again.
      expect(approve({ problems: [{ field: 'content.areaIds.0', rule: 'areaInCall' }] })).toBe(
        'application_incomplete',
      );
      expect(
        approve({
          fundingChain: { consecutiveYears: [2022, 2023, 2024, 2025, 2026, 2027], limit: 5, exceeded: true },
        }),
      ).toBe('five_year_limit_exceeded');
      expect(
        allowedEvents('selected', facts({ roles: ['coordinator'], declarationsConfirmed: false })),
      ).toEqual(['RECORD_SENATE_SELECTION']);
    });

    it('waits for open call-offs before the proof of use', () => {
      const error = refusal(() =>
        decideTransition(
          'in_implementation',
          { type: 'SUBMIT_FINAL_REPORT' },
          facts({ hasOpenCallOffs: true }),
        ),
      );
      expect(error).toEqual(new BusinessRuleError('call_offs_open'));
      expect(decideTransition('in_implementation', { type: 'SUBMIT_FINAL_REPORT' }, facts()).to).toBe(
        'final_report_submitted',
      );
    });
  });

  describe('effects', () => {
    const effects = (state: ApplicationState, type: ApplicationEventType) =>
      decideTransition(state, { type }, facts()).effects;

    it('snapshots, checks double funding and notifies both sides on submission', () => {
      expect(effects('draft', 'SUBMIT')).toEqual([
        'snapshot_version',
        'check_double_funding',
        'notify:application_submitted',
        'notify:application_received',
      ]);
      expect(effects('changes_requested', 'SUBMIT')).toEqual([
        'snapshot_version',
        'answer_change_request',
        'check_double_funding',
        'notify:application_resubmitted',
      ]);
    });

    it('records the Senate selection without leaving the selected state', () => {
      expect(decideTransition('selected', { type: 'RECORD_SENATE_SELECTION' }, facts())).toEqual({
        to: 'selected',
        effects: ['record_senate_selection', 'notify:application_selected'],
      });
    });

    it('commits the money on approval and releases or claims it back at the end', () => {
      expect(effects('selected', 'APPROVE')).toEqual([
        'check_double_funding',
        'cite_decision',
        'commit_funds',
        'notify:application_approved',
      ]);
      expect(effects('in_implementation', 'REVOKE')).toEqual(['decommit_unpaid', 'claim_repayment_paid']);
      expect(effects('final_report_submitted', 'COMPLETE')).toEqual([
        'decommit_unpaid',
        'claim_repayment_unspent',
      ]);
      expect(effects('in_implementation', 'SUBMIT_FINAL_REPORT')).toEqual(['record_final_report']);
      expect(effects('submitted', 'REQUEST_CHANGES')).toEqual([
        'open_change_request',
        'notify:changes_requested',
      ]);
    });

    it('notifies only with notices the catalogue has', () => {
      const notices = lifecycleTransitions()
        .flatMap((t) => t.effects)
        .filter((e) => e.startsWith('notify:'))
        .map((e) => e.slice('notify:'.length));
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.filter((kind) => !isNoticeKind(kind))).toEqual([]);
    });

    it('declares the same effects it decides', () => {
      for (const t of lifecycleTransitions()) {
        expect(decideTransition(t.from, { type: t.event }, facts()).effects).toEqual(t.effects);
      }
    });
  });
});
