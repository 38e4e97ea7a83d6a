import { Injectable } from '@nestjs/common';
import {
  calendarDayOf,
  BusinessRuleError,
  callOffRefusal,
  ConflictError,
  dayOfUseProblem,
  FINAL_STATES,
  ForbiddenError,
  isLateUse,
  Money,
  NotFoundError,
  promptUseDeadline,
  ValidationError,
} from '@kiezfonds/domain';
import { LedgerService } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { loadApplicationRecord } from '../applications/application-record';
import { ApplicationNotices, noticeApplication } from '../notices/application-notices';
import { ApplicationScope, type ScopedApplication } from '../scope/application-scope';
import { requestHash, runIdempotent } from '../lifecycle/idempotency';

interface CallOffRow {
  id: string;
  application_id: string;
  number: number;
  cash_year: number;
  amount_cents: string;
  purpose: string;
  state: 'requested' | 'approved' | 'paid' | 'rejected';
  requested_at: Date;
  decided_at: Date | null;
  paid_on: string | null;
  spend_by: string | null;
  reject_reason: string | null;
  used_on: string | null;
  late_use_claim_id: string | null;
}

// The late-use claim a use raised names its call-off in its one line (reportUse); a use reported
// in time, or after a revocation, raised none.
const COLUMNS = `id, application_id, number, cash_year, amount_cents::text AS amount_cents, purpose, state,
  requested_at, decided_at, paid_on::text AS paid_on, spend_by::text AS spend_by, reject_reason,
  used_on::text AS used_on,
  CASE WHEN used_on > spend_by THEN (
    SELECT claim.id FROM repayment_claim claim
    WHERE claim.application_id = call_off.application_id AND claim.reason = 'late_use'
      AND claim.lines @> jsonb_build_array(jsonb_build_object('callOffId', call_off.id))
    LIMIT 1) END AS late_use_claim_id`;

function view(row: CallOffRow) {
  return {
    id: row.id,
    applicationId: row.application_id,
    number: row.number,
    cashYear: row.cash_year,
    amountCents: row.amount_cents,
    purpose: row.purpose,
    state: row.state,
    requestedAt: row.requested_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    paidOn: row.paid_on,
    spendBy: row.spend_by,
    rejectReason: row.reject_reason,
    usedOn: row.used_on,
    late: row.used_on !== null && isLateUse(row.used_on, row.spend_by),
    lateUseClaimId: row.late_use_claim_id,
  };
}

/**
 * Call-offs (Mittelabrufe): the carrier asks for an instalment's money, finance approves it (the
 * carrier is told) and pays it (a ledger disbursement), or refuses it. Payment starts the
 * prompt-use period (DOMAIN.md step 8), reminded before it ends.
 */
@Injectable()
export class CallOffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notices: ApplicationNotices,
  ) {}

  async list(principal: Principal, applicationId: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM call_off WHERE application_id = $1 ORDER BY number`,
      [scoped.id],
    )) as CallOffRow[];
    return { items: rows.map(view) };
  }

  async request(
    principal: Principal,
    applicationId: string,
    input: { cashYear: number; amountCents: string | number; purpose?: string },
    requestId: string | null,
    idempotencyKey?: string,
  ) {
    const scope = ApplicationScope.of(principal);
    const body = {
      cashYear: input.cashYear,
      amountCents: String(input.amountCents),
      purpose: input.purpose ?? '',
    };
    return runIdempotent(
      this.dataSource,
      {
        userId: principal.userId,
        key: idempotencyKey,
        scope: `call-off-request:${applicationId}`,
        hash: requestHash(`call-off-request:${applicationId}`, body),
      },
      async (tx) => {
        const scoped = await scope.application(tx, applicationId, { lock: true });
        if (!scope.isCarrierOf(scoped.organisationId)) throw new ForbiddenError('not_organisation_member');
        if (scoped.state !== 'in_implementation') {
          throw new ConflictError(APPLICATIONS_ERROR_CODES.callOffNotAllowed, [], { state: scoped.state });
        }
        const [notice] = (await tx.query(
          `SELECT period_start::text AS period_start, period_end::text AS period_end FROM grant_notice
         WHERE application_id = $1`,
          [scoped.id],
        )) as { period_start: string; period_end: string }[];
        const refusal =
          notice &&
          callOffRefusal({
            today: calendarDayOf(new Date()),
            periodStart: notice.period_start,
            periodEnd: notice.period_end,
            cashYear: input.cashYear,
          });
        if (refusal) throw new BusinessRuleError(refusal.code, refusal.params);
        const amount = Money.fromCents(input.amountCents);
        const available = await this.available(tx, scoped.id, input.cashYear);
        if (amount.isGreaterThan(available)) {
          throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.callOffExceedsInstalment, {
            availableCents: available.toString(),
            cashYear: input.cashYear,
          });
        }
        const [row] = (await tx.query(
          `INSERT INTO call_off (application_id, number, cash_year, amount_cents, purpose, requested_by)
         SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5 FROM call_off WHERE application_id = $1
         RETURNING ${COLUMNS}`,
          [scoped.id, input.cashYear, amount.toString(), input.purpose ?? '', principal.userId],
        )) as CallOffRow[];
        await recordAudit(tx, {
          entityType: 'application',
          entityId: scoped.id,
          action: 'call_off_requested',
          actorId: principal.userId,
          districtId: scoped.districtId,
          requestId,
          payload: {
            callOffId: row!.id,
            number: row!.number,
            cashYear: input.cashYear,
            amountCents: amount.toString(),
          },
        });
        return view(row!);
      },
    );
  }

  /** Finance approves the call-off for payment; the carrier is told, and the payment follows. */
  async approve(principal: Principal, callOffId: string, requestId: string | null, idempotencyKey?: string) {
    return this.once(principal, idempotencyKey, `call-off-approve:${callOffId}`, {}, async (tx) => {
      const { callOff, districtId } = await this.lockForFinance(tx, principal, callOffId, 'approve');
      const record = await loadApplicationRecord(tx, callOff.application_id);
      const [approved] = (await tx.query(
        `UPDATE call_off SET state = 'approved', decided_by = $2, decided_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [callOff.id, principal.userId],
      )) as [CallOffRow[], number];
      const row = approved[0]!;
      await recordAudit(tx, {
        entityType: 'application',
        entityId: record.id,
        action: 'call_off_approved',
        actorId: principal.userId,
        districtId,
        requestId,
        payload: { callOffId: callOff.id, number: callOff.number },
      });
      await this.notices.send(tx, record, 'carrier', {
        kind: 'call_off_approved',
        key: `call-off:${callOff.id}:approved`,
        data: {
          application: noticeApplication(record),
          callOff: {
            number: callOff.number,
            amountCents: Number(callOff.amount_cents),
            requestedOn: calendarDayOf(callOff.requested_at),
            approvedOn: calendarDayOf(row.decided_at!),
          },
        },
        link: `/antraege/${record.id}`,
      });
      return view(row);
    });
  }

  async pay(
    principal: Principal,
    callOffId: string,
    paidOn: string,
    requestId: string | null,
    idempotencyKey?: string,
  ) {
    if (paidOn > calendarDayOf(new Date()))
      throw new ValidationError([{ field: 'paidOn', rule: 'notInFuture' }]);
    return this.once(principal, idempotencyKey, `call-off-pay:${callOffId}`, { paidOn }, async (tx) => {
      // Finance approves and pays (DOMAIN.md): the approval is its own step, the carrier is told
      // of it, so a requested call-off is not paid past it.
      const { callOff, districtId } = await this.lockForFinance(tx, principal, callOffId, 'pay');
      const record = await loadApplicationRecord(tx, callOff.application_id);
      const [notice] = (await tx.query(
        `SELECT amount_cents::text AS amount_cents, instalments, period_start::text AS period_start
         FROM grant_notice WHERE application_id = $1`,
        [record.id],
      )) as {
        amount_cents: string;
        instalments: { cashYear: number; amountCents: string }[];
        period_start: string;
      }[];
      // ANBest-P Nr. 1.4 again at payment: not before the project starts, and in the call-off's
      // own cash year (a payment booked to 2028 cannot leave the account in 2027).
      if (notice && paidOn < notice.period_start) {
        throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.paymentBeforeProjectStart, {
          periodStart: notice.period_start,
        });
      }
      if (Number(paidOn.slice(0, 4)) !== callOff.cash_year) {
        throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.paymentOutsideCashYear, {
          cashYear: callOff.cash_year,
        });
      }
      const instalment = notice?.instalments.find((i) => i.cashYear === callOff.cash_year);
      const spendBy = promptUseDeadline({
        grantTotal: Money.fromCents(notice?.amount_cents ?? callOff.amount_cents),
        yearlyInstalment: Money.fromCents(instalment?.amountCents ?? callOff.amount_cents),
        paidOn,
      });
      const [fund] = (await tx.query(
        `SELECT id FROM fund WHERE district_id = $1 AND kind = 'netzwerkfonds'`,
        [districtId],
      )) as { id: string }[];
      if (!fund) throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.netzwerkfondsMissing);
      const entry = await this.ledger.post(tx, {
        kind: 'disbursement',
        fundId: fund.id,
        programmeYear: record.programmeYear,
        cashYear: callOff.cash_year,
        amount: Money.fromCents(callOff.amount_cents),
        project: { applicationId: record.id },
        callOffRef: `${record.reference}-MA${callOff.number}`,
        actorId: principal.userId,
        requestId,
      });
      const [paid] = (await tx.query(
        `UPDATE call_off SET state = 'paid', decided_by = $2, decided_at = now(), paid_on = $3, spend_by = $4,
           ledger_entry_id = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
        [callOff.id, principal.userId, paidOn, spendBy, entry.id],
      )) as [CallOffRow[], number];
      const row = paid[0]!;
      await recordAudit(tx, {
        entityType: 'application',
        entityId: record.id,
        action: 'call_off_paid',
        actorId: principal.userId,
        districtId,
        requestId,
        payload: { callOffId: callOff.id, number: callOff.number, paidOn, spendBy, ledgerEntryId: entry.id },
      });
      await this.notices.send(tx, record, 'carrier', {
        kind: 'call_off_paid',
        key: `call-off:${callOff.id}:paid`,
        data: {
          application: noticeApplication(record),
          callOff: { number: callOff.number, amountCents: Number(callOff.amount_cents), paidOn, spendBy },
        },
      });
      return view(row);
    });
  }

  async reject(
    principal: Principal,
    callOffId: string,
    reason: string,
    requestId: string | null,
    idempotencyKey?: string,
  ) {
    return this.once(principal, idempotencyKey, `call-off-reject:${callOffId}`, { reason }, async (tx) => {
      const { callOff, districtId } = await this.lockForFinance(tx, principal, callOffId, 'reject');
      const [rejected] = (await tx.query(
        `UPDATE call_off SET state = 'rejected', decided_by = $2, decided_at = now(), reject_reason = $3
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [callOff.id, principal.userId, reason],
      )) as [CallOffRow[], number];
      await recordAudit(tx, {
        entityType: 'application',
        entityId: callOff.application_id,
        action: 'call_off_rejected',
        actorId: principal.userId,
        districtId,
        requestId,
        payload: { callOffId: callOff.id, number: callOff.number, reason },
      });
      return view(rejected[0]!);
    });
  }

  /** One command at most once per Idempotency-Key (TRUST.md: every money write). */
  private once<T extends object>(
    principal: Principal,
    key: string | undefined,
    scope: string,
    body: unknown,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return runIdempotent(
      this.dataSource,
      { userId: principal.userId, key, scope, hash: requestHash(scope, body) },
      work,
    );
  }

  /**
   * The carrier reports the day the money of a paid call-off was used. After its prompt-use
   * deadline, the money bears interest from its payment to its use (§ 49a Abs. 4 VwVfG): a claim
   * of reason `late_use` without principal, whose interest finance confirms with the notice.
   */
  async reportUse(
    principal: Principal,
    callOffId: string,
    usedOn: string,
    requestId: string | null,
    idempotencyKey?: string,
  ) {
    const today = calendarDayOf(new Date());
    return this.once(principal, idempotencyKey, `call-off-use:${callOffId}`, { usedOn }, async (tx) => {
      const scope = ApplicationScope.of(principal);
      // The application locked first, as a revocation does: a use reported at the instant of the
      // revocation is decided either before it (its claim is then waived by the revocation) or
      // after it (no claim), never beside it.
      const { callOff, scoped } = await this.lockWithApplication(tx, scope, callOffId);
      if (!scope.isCarrierOf(scoped.organisationId)) throw new ForbiddenError('not_organisation_member');
      if (callOff.state !== 'paid') {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.callOffNotPaid, [], { state: callOff.state });
      }
      // The web checks the day by the same rule before it sends it.
      const problem = dayOfUseProblem({ usedOn, paidOn: callOff.paid_on!, today });
      if (problem) throw new ValidationError([{ field: 'usedOn', rule: problem }]);
      if (callOff.used_on !== null) {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.callOffUseReported, [], { usedOn: callOff.used_on });
      }
      await tx.query(`UPDATE call_off SET used_on = $2 WHERE id = $1`, [callOff.id, usedOn]);
      const late = isLateUse(usedOn, callOff.spend_by);
      // After a revocation the day of use is still recorded (it belongs to the file, and the
      // carrier cannot be refused telling it), but it bears no late-use interest: § 49a (4) VwVfG
      // applies only while the notice stands, and the revocation claim already charges interest on
      // the same money from its payment day (§ 49a (3)); the revocation waived open late-use claims
      // for the same reason.
      const revoked = scoped.state === 'revoked';
      // Likewise for money the settlement after the proof of use already reclaims with interest from
      // the payment day (a use reported after it): late use is charged only on the rest, so no day
      // of the same money bears interest twice (a settlement made after the use credits instead).
      const [{ reclaimed }] = (await tx.query(
        `SELECT coalesce(sum((line->>'amountCents')::bigint), 0)::text AS reclaimed
           FROM repayment_claim claim, jsonb_array_elements(claim.lines) line
          WHERE claim.application_id = $1 AND claim.reason = 'unspent' AND line->>'callOffId' = $2`,
        [callOff.application_id, callOff.id],
      )) as [{ reclaimed: string }];
      const lateAmount = Money.fromCents(callOff.amount_cents).subtract(Money.fromCents(reclaimed));
      let claimId: string | null = null;
      if (late && !revoked && lateAmount.isPositive()) {
        const [claim] = (await tx.query(
          `INSERT INTO repayment_claim (application_id, reason, amount_cents, lines, created_by)
           VALUES ($1, 'late_use', 0, $2, $3) RETURNING id`,
          [
            callOff.application_id,
            JSON.stringify([
              { callOffId: callOff.id, paidOn: callOff.paid_on, amountCents: lateAmount.toString(), usedOn },
            ]),
            principal.userId,
          ],
        )) as { id: string }[];
        claimId = claim!.id;
      }
      await recordAudit(tx, {
        entityType: 'application',
        entityId: callOff.application_id,
        action: 'call_off_used',
        actorId: principal.userId,
        districtId: scoped.districtId,
        requestId,
        payload: {
          callOffId: callOff.id,
          usedOn,
          spendBy: callOff.spend_by,
          late,
          claimId,
          ...(late && revoked ? { lateUseInterest: 'ended_by_revocation' } : {}),
          ...(late && !revoked && reclaimed !== '0' ? { reclaimedBySettlementCents: reclaimed } : {}),
        },
      });
      return view({ ...callOff, used_on: usedOn, late_use_claim_id: claimId });
    });
  }

  /** Committed for the cash year, less what is called off and not refused. */
  private async available(tx: EntityManager, applicationId: string, cashYear: number): Promise<Money> {
    const [row] = (await tx.query(
      `SELECT
         coalesce((SELECT sum(CASE WHEN kind = 'commitment' THEN amount_cents WHEN kind = 'decommitment' THEN -amount_cents
                   WHEN kind = 'reversal' AND reversed_kind = 'commitment' THEN -amount_cents
                   WHEN kind = 'reversal' AND reversed_kind = 'decommitment' THEN amount_cents ELSE 0 END)
                   FROM ledger_entry WHERE application_id = $1 AND cash_year = $2), 0)
         - coalesce((SELECT sum(amount_cents) FROM call_off
                     WHERE application_id = $1 AND cash_year = $2 AND state <> 'rejected'), 0) AS available`,
      [applicationId, cashYear],
    )) as { available: string }[];
    return Money.fromCents(row!.available);
  }

  /**
   * The call-off's application and then the call-off, both locked, in this order: the order every
   * command on an application takes its rows in (lifecycle steps lock the application and then
   * update its call-offs and claims). Locking the call-off first deadlocked against a revocation
   * or completion of its application, which then answered 500.
   */
  private async lockWithApplication<Row extends CallOffRow>(
    tx: EntityManager,
    scope: ApplicationScope,
    callOffId: string,
    columns = COLUMNS,
  ): Promise<{ callOff: Row; scoped: ScopedApplication }> {
    // Unlocked: a call-off never moves to another application.
    const [owner] = (await tx.query(`SELECT application_id FROM call_off WHERE id = $1`, [callOffId])) as {
      application_id: string;
    }[];
    if (!owner) throw new NotFoundError(APPLICATIONS_ERROR_CODES.callOffNotFound);
    const scoped = await scope.application(tx, owner.application_id, { lock: true }).catch(() => {
      throw new NotFoundError(APPLICATIONS_ERROR_CODES.callOffNotFound);
    });
    const [callOff] = (await tx.query(`SELECT ${columns} FROM call_off WHERE id = $1 FOR UPDATE`, [
      callOffId,
    ])) as Row[];
    if (!callOff) throw new NotFoundError(APPLICATIONS_ERROR_CODES.callOffNotFound);
    return { callOff, scoped };
  }

  /** The call-off locked for a decision of finance; `open` are the states that decision starts from. */
  private async lockForFinance(
    tx: EntityManager,
    principal: Principal,
    callOffId: string,
    step: 'approve' | 'pay' | 'reject',
  ) {
    const scope = ApplicationScope.of(principal);
    const { callOff, scoped } = await this.lockWithApplication(tx, scope, callOffId);
    if (!scope.isStaffOf(scoped.districtId, 'finance')) throw new ForbiddenError();
    // A revoked or closed grant pays nothing more (its open call-offs ended with it); a request
    // can still be refused.
    if (step !== 'reject' && (FINAL_STATES as readonly string[]).includes(scoped.state)) {
      throw new ConflictError(APPLICATIONS_ERROR_CODES.callOffNotAllowed, [], { state: scoped.state });
    }
    const open: readonly CallOffRow['state'][] = step === 'pay' ? ['approved'] : ['requested'];
    if (!open.includes(callOff.state)) {
      if (callOff.state === 'requested') {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.callOffNotApproved, ['approve', 'reject']);
      }
      throw new ConflictError(APPLICATIONS_ERROR_CODES.callOffDecided, [], { state: callOff.state });
    }
    return { callOff, districtId: scoped.districtId };
  }
}
