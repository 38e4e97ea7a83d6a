import { Injectable } from '@nestjs/common';
import {
  calendarDayOf,
  allowedEvents,
  type ApplicationState,
  BusinessRuleError,
  ConflictError,
  decideTransition,
  isNoticeKind,
  type LifecycleEffect,
  type NoticeKind,
  lineOverruns,
  Money,
  NotFoundError,
  ValidationError,
} from '@kiezfonds/domain';
import { DoubleFundingService, isCounterConflict } from '@kiezfonds/funds';
import { keyedNoticesInsert, markOutboxWritten } from '@kiezfonds/messaging';
import { queryRows, SqlParameters } from '@kiezfonds/persistence';
import type { Principal } from '@kiezfonds/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { lifecycleFacts } from '../applications/application-facts';
import { findApplicationRecord, loadApplicationRecord } from '../applications/application-record';
import { type ApplicationEventDto, missingEventFields } from '../http/dtos/event.dto';
import { FundingEffects } from '../implementation/funding-effects.service';
import { LifecycleNotices } from './lifecycle-notices';
import {
  computeSettlement,
  latestFinalReport,
  noticeTerms,
  storedSettlement,
} from '../implementation/settlement';
import { ApplicationScope } from '../scope/application-scope';
import { requestHash, runIdempotent } from './idempotency';
import type { TransitionContext } from './transition-context';

/**
 * Effects that cannot change the facts the answer's `allowedEvents` rest on: after them the facts
 * the step was decided on give the answer, without a reread of the record. The grant notice
 * (`commit_funds`) writes the notice, the approved amount and the commitments, none of which
 * `lifecycleFacts` reads.
 */
const FACT_NEUTRAL_EFFECTS: ReadonlySet<LifecycleEffect> = new Set<LifecycleEffect>([
  'snapshot_version',
  'check_double_funding',
  'cite_decision',
  'commit_funds',
]);

function isFactNeutral(effect: LifecycleEffect): boolean {
  return effect.startsWith('notify:') || FACT_NEUTRAL_EFFECTS.has(effect);
}

export interface TransitionAnswer {
  id: string;
  state: ApplicationState;
  version: number;
  allowedEvents: string[];
}

/**
 * What the audit trail keeps of a command: the event, its free-text reason and what it rests on,
 * not the whole body.
 */
function auditPayload(
  event: ApplicationEventDto,
  citation: TransitionContext['citation'],
): Record<string, unknown> {
  const payload: Record<string, unknown> = { event: event.type, ...citation };
  const comment = event.reason ?? event.message ?? event.comment;
  if (comment) payload.comment = comment;
  if (event.replyDeadline) payload.replyDeadline = event.replyDeadline;
  if (event.amountCents !== undefined) payload.amountCents = String(event.amountCents);
  if (event.financingType) payload.financingType = event.financingType;
  if (event.earlyStartApprovedOn) {
    payload.earlyStart = { approvedOn: event.earlyStartApprovedOn, reason: event.earlyStartReason };
  }
  return payload;
}

/** States that end an application's course: the step into them stamps `closed_at`. */
const CLOSING_STATES: ReadonlySet<ApplicationState> = new Set<ApplicationState>([
  'completed',
  'rejected',
  'withdrawn',
  'revoked',
]);

/** Effects that post to the ledger, and so hold a fund year's lock until the transaction ends. */
const FUND_YEAR_LOCKING: ReadonlySet<LifecycleEffect> = new Set<LifecycleEffect>([
  'commit_funds',
  'decommit_unpaid',
]);

/**
 * Splits a step's effects so that the ledger postings it ends with (only notices after them, which
 * do not read the ledger) run after everything else of the step: every posting to a fund year waits
 * for the one holding its lock (issue 18). A posting followed by an effect that may read what it
 * booked (a repayment claim after a de-commitment) keeps its place.
 */
export function fundYearLocksLast(effects: readonly LifecycleEffect[]): {
  first: LifecycleEffect[];
  last: LifecycleEffect[];
} {
  const movable = (effect: LifecycleEffect, index: number) =>
    FUND_YEAR_LOCKING.has(effect) &&
    effects.slice(index + 1).every((e) => e.startsWith('notify:') || FUND_YEAR_LOCKING.has(e));
  return {
    first: effects.filter((effect, index) => !movable(effect, index)),
    last: effects.filter((effect, index) => movable(effect, index)),
  };
}

/**
 * Lifecycle commands (ARCHITECTURE.md, "The application lifecycle"): lock the row, let the
 * machine in libs/domain decide, then in the same transaction carry out the effects the
 * transition declares (snapshots, change requests, ledger entries, claims), move the state, write
 * the audit event and the outbox notices. A refusal anywhere rolls everything back.
 */
@Injectable()
export class LifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funding: FundingEffects,
    private readonly doubleFunding: DoubleFundingService,
    private readonly notices: LifecycleNotices,
  ) {}

  async send(
    principal: Principal,
    id: string,
    event: ApplicationEventDto,
    idempotencyKey: string | undefined,
    requestId: string | null,
  ): Promise<TransitionAnswer> {
    const run = (countersAtCommit: boolean) =>
      runIdempotent(
        this.dataSource,
        {
          userId: principal.userId,
          key: idempotencyKey,
          scope: `application:${id}`,
          hash: requestHash(`application:${id}`, event),
        },
        (tx) => this.sendWithin(tx, principal, id, event, requestId, {}, { countersAtCommit }),
      );
    // An approval's commitment moves the fund year's counters at the commit, so that approvals of
    // one year wait for each other only as long as a commit takes (ADR 0025). A concurrent posting
    // may have left too little by then: the COMMIT is refused and nothing of the step remains, and
    // the step runs again the careful way, which books under the lock or refuses with the figures.
    try {
      return await run(true);
    } catch (error) {
      if (!isCounterConflict(error)) throw error;
      return run(false);
    }
  }

  /**
   * One lifecycle event inside the caller's transaction, for commands that move several
   * applications at once and must succeed or fail as a whole (finalising the programme plan,
   * which names itself as `planId`: the step then cites the plan besides the decision).
   */
  async sendWithin(
    tx: EntityManager,
    principal: Principal,
    id: string,
    event: ApplicationEventDto,
    requestId: string | null,
    sentBy: { planId?: string } = {},
    { countersAtCommit }: { countersAtCommit: boolean } = { countersAtCommit: false },
  ): Promise<TransitionAnswer> {
    const scope = ApplicationScope.of(principal);
    // Read and lock once, with who the step's notices reach; an application outside the caller's
    // scope answers 404 as if absent.
    const record = await findApplicationRecord(tx, id, { lock: true, recipients: true });
    if (!record || !scope.sees(record)) throw new NotFoundError(APPLICATIONS_ERROR_CODES.applicationNotFound);
    if (event.version !== undefined && event.version !== record.version) {
      throw new ConflictError(APPLICATIONS_ERROR_CODES.versionConflict, [], { version: record.version });
    }
    const now = new Date();
    const facts = lifecycleFacts(record, scope.rolesFor(record), now);
    const { to, effects } = decideTransition(record.state, { type: event.type }, facts);
    const missing = missingEventFields(event);
    if (missing.length > 0) throw new ValidationError(missing);
    const ctx: TransitionContext = {
      tx,
      principal,
      record,
      event,
      to,
      now,
      requestId,
      citation: { ...sentBy },
      countersAtCommit,
    };
    const nextVersion = record.version + 1;
    const { first, last } = fundYearLocksLast(effects);
    const noticeKinds: NoticeKind[] = [];
    for (const effect of first) {
      // Notices are queued together after the other effects, with the state (still inside the
      // transaction, so a refusal by a later effect queues none).
      const kind = effect.startsWith('notify:') ? effect.slice('notify:'.length) : null;
      if (kind !== null) {
        if (isNoticeKind(kind)) noticeKinds.push(kind);
      } else await this.apply(effect, ctx);
    }
    const notices = await this.notices.addressed(ctx, noticeKinds, nextVersion);

    // The state, its audit event and the step's notices in one statement: the event and the
    // notices are written only with the update.
    const params = new SqlParameters();
    const applicationId = params.add(record.id);
    const state = params.add(to);
    const queue = keyedNoticesInsert(notices, params);
    const [moved] = await queryRows<{ queued: number }>(
      tx,
      `WITH moved AS (
         UPDATE application SET state = ${state}, version = ${params.add(nextVersion)}, updated_at = now(),
           submitted_at = CASE WHEN ${params.add(effects.includes('snapshot_version'))} THEN now() ELSE submitted_at END,
           closed_at = CASE WHEN ${params.add(CLOSING_STATES.has(to))} THEN now() ELSE closed_at END
         WHERE id = ${applicationId}::uuid RETURNING id
       ), audit AS (
         INSERT INTO audit_event (entity_type, entity_id, action, actor_id, district_id, from_state, to_state,
           payload, request_id)
         SELECT 'application', moved.id::text, 'transition', ${params.add(principal.userId)},
                ${params.add(record.districtId)}, ${params.add(record.state)}, ${state},
                ${params.add(JSON.stringify(auditPayload(event, ctx.citation)))}, ${params.add(requestId)}
           FROM moved
       )${queue === null ? '' : `, queued AS (${queue})`}
       SELECT ${queue === null ? '0' : '(SELECT count(*) FROM queued)::int'} AS queued`,
      params.values,
    );
    if (moved!.queued > 0) markOutboxWritten(tx);
    // The facts (which do not include the state) stay those read under the lock when the step's
    // effects cannot have changed them (a submission): no reread, no second evaluation of the
    // content. Otherwise the record is read again.
    let answer: TransitionAnswer;
    if (effects.every(isFactNeutral)) {
      answer = { id: record.id, state: to, version: nextVersion, allowedEvents: allowedEvents(to, facts) };
    } else {
      const after = await loadApplicationRecord(tx, record.id);
      answer = {
        id: after.id,
        state: after.state,
        version: after.version,
        allowedEvents: allowedEvents(after.state, lifecycleFacts(after, scope.rolesFor(after), new Date())),
      };
    }
    // The ledger postings last: from the fund year's lock to the commit, nothing else of the step
    // runs, so the approvals on one fund year, which wait for each other, wait as little as they can.
    for (const effect of last) await this.apply(effect, ctx);
    return answer;
  }

  private async apply(effect: LifecycleEffect, ctx: TransitionContext): Promise<void> {
    const { tx, record, event, principal } = ctx;
    switch (effect) {
      case 'cite_decision': {
        // The machine let the step through, so the latest decision is adopted; a citation the caller
        // gives must be that one, not an older or another application's.
        const decision = record.latestDecision!;
        if (event.decisionId !== undefined && event.decisionId !== decision.id) {
          throw new BusinessRuleError('decision_not_current', { decisionId: decision.id });
        }
        ctx.citation.decisionId = decision.id;
        return;
      }
      case 'snapshot_version': {
        // Copied from the locked row in the database: the content does not travel back and forth.
        await tx.query(
          `INSERT INTO application_version (application_id, number, title, content, submitted_by)
           SELECT a.id, coalesce((SELECT max(v.number) FROM application_version v WHERE v.application_id = a.id), 0) + 1,
                  a.title, a.content, $2
             FROM application a WHERE a.id = $1`,
          [record.id, principal.userId],
        );
        return;
      }
      case 'check_double_funding':
        await this.doubleFunding.check(tx, record, {
          actorId: principal.userId,
          requestId: ctx.requestId,
        });
        return;
      case 'open_change_request': {
        const replyDeadline = new Date(event.replyDeadline!);
        if (replyDeadline.getTime() <= ctx.now.getTime()) {
          throw new ValidationError([{ field: 'replyDeadline', rule: 'inFuture' }]);
        }
        await tx.query(
          `INSERT INTO change_request (application_id, message, reply_deadline, requested_by) VALUES ($1, $2, $3, $4)`,
          [record.id, event.message, replyDeadline, principal.userId],
        );
        return;
      }
      case 'answer_change_request':
        await tx.query(
          `UPDATE change_request SET answered_at = now(),
             answered_version = (SELECT max(number) FROM application_version WHERE application_id = $1)
           WHERE application_id = $1 AND answered_at IS NULL`,
          [record.id],
        );
        return;
      case 'record_senate_selection': {
        const amount = Money.fromCents(event.amountCents!);
        if (amount.isGreaterThan(Money.fromCents(record.requestedCents))) {
          throw new ValidationError([
            {
              field: 'amountCents',
              rule: 'notAboveRequested',
              params: { requestedCents: record.requestedCents },
            },
          ]);
        }
        if (
          event.fullApplicationDueBy !== undefined &&
          event.fullApplicationDueBy <= calendarDayOf(ctx.now)
        ) {
          throw new ValidationError([{ field: 'fullApplicationDueBy', rule: 'inFuture' }]);
        }
        // The selection answers the list the district sent: its audit event names that list, and the
        // Senate selects at most the amount the list put on the application (it may reduce it).
        const [sent] = (await tx.query(
          `SELECT p.id,
                  (SELECT item->>'amountCents' FROM jsonb_array_elements(p.final_list) item
                    WHERE item->>'applicationId' = a.id::text LIMIT 1) AS planned_cents
             FROM programme_plan p JOIN application a ON a.call_id = p.call_id
            WHERE a.id = $1 AND p.status = 'final'`,
          [record.id],
        )) as { id: string; planned_cents: string | null }[];
        if (
          sent &&
          sent.planned_cents !== null &&
          amount.isGreaterThan(Money.fromCents(sent.planned_cents))
        ) {
          throw new ValidationError([
            { field: 'amountCents', rule: 'notAbovePlanned', params: { plannedCents: sent.planned_cents } },
          ]);
        }
        await tx.query(`UPDATE application SET senate_amount_cents = $2 WHERE id = $1`, [
          record.id,
          amount.toString(),
        ]);
        if (sent) ctx.citation.planId = sent.id;
        return;
      }
      case 'commit_funds':
        await this.funding.issueGrantNotice(ctx);
        return;
      case 'record_final_report': {
        const actuals = event.actuals ?? [];
        const vatAboveAmount = actuals.flatMap((a, index) =>
          a.vatCents !== undefined && BigInt(a.vatCents) > BigInt(a.amountCents)
            ? [{ field: `actuals.${index}.vatCents`, rule: 'notAboveAmount' }]
            : [],
        );
        if (vatAboveAmount.length > 0) throw new ValidationError(vatAboveAmount);
        const spent = Money.sum(actuals.map((a) => Money.fromCents(a.amountCents)));
        const terms = await noticeTerms(tx, record.id);
        const overruns = lineOverruns(
          record.content,
          actuals.map((a) => ({
            cashYear: a.cashYear,
            category: a.category,
            amount: Money.fromCents(a.amountCents),
            ...(a.vatCents === undefined ? {} : { vat: Money.fromCents(a.vatCents) }),
          })),
          terms?.approvedChanges,
          terms?.costBasis,
        );
        await tx.query(
          `INSERT INTO application_report (application_id, kind, text, actuals, overruns, spent_cents,
             other_funding_cents, submitted_by)
           VALUES ($1, 'final', $2, $3, $4, $5, $6, $7)`,
          [
            record.id,
            event.text,
            JSON.stringify(actuals),
            JSON.stringify(overruns),
            spent.toString(),
            event.otherFundingCents ?? null,
            principal.userId,
          ],
        );
        return;
      }
      case 'decommit_unpaid':
        await this.funding.decommitUnpaid(ctx);
        return;
      case 'claim_repayment_paid':
        await this.funding.claimRepayment(ctx, 'revocation');
        return;
      case 'claim_repayment_unspent': {
        // The settlement by the notice's financing type (libs/domain `proofOfUse`), kept on the
        // final report as computed now: a later change of rules does not rewrite it.
        const report = await latestFinalReport(tx, record.id);
        if (!report) return;
        const settlement = await computeSettlement(tx, record.id, record.content, report);
        await tx.query(`UPDATE application_report SET settlement = $2 WHERE id = $1`, [
          report.id,
          JSON.stringify(storedSettlement(settlement)),
        ]);
        if (settlement.unspent.isPositive())
          await this.funding.claimRepayment(ctx, 'unspent', settlement.unspent);
        return;
      }
      default:
        throw new Error(`lifecycle effect without a handler: ${effect}`);
    }
  }
}
