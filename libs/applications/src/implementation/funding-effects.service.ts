import { Injectable } from '@nestjs/common';
import {
  applyClaimEntry,
  calendarDayOf,
  BusinessRuleError,
  type ClaimBalance,
  claimBalance,
  DEFAULT_FINANCING_TYPE,
  earlyStartRequired,
  instalmentsOf,
  instalmentYearProblems,
  Money,
  planTotals,
  ValidationError,
} from '@kiezfonds/domain';
import { LedgerService } from '@kiezfonds/funds';
import { recordAudit } from '@kiezfonds/persistence';
import type { EntityManager } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import type { ApplicationRecord } from '../applications/application-record';
import { decisionJson, recipientJson } from '../grant-notice/notice-record';
import type { TransitionContext } from '../lifecycle/transition-context';
import { claimEntries } from './claim-entries';
import { lateUseShare, type StoredLateUseCredit, type StoredNoticeInterest } from './claim-interest';
import { ledgerPosition } from './ledger-position';

export interface ClaimLine {
  callOffId: string;
  paidOn: string;
  amountCents: string;
  /** Late use (claim reason `late_use`): the day the money was used, where its interest ends. */
  usedOn?: string;
}

/** Why a late-use claim ends with the revocation (waiver reason, audit). */
const LATE_USE_ENDS_WITH_REVOCATION =
  'Widerruf: Zinsen werden mit der Rückforderung erhoben (§ 49a Abs. 3 VwVfG); ' +
  'Zinsen für verspätete Verwendung nur, soweit der Bescheid nicht widerrufen ist (§ 49a Abs. 4 VwVfG)';

/** Why a late-use claim bears no interest on the money the settlement reclaims (waiver reason, audit). */
const LATE_USE_SHARE_WITH_SETTLEMENT =
  'Abschluss: Zinsen auf die zurückgeforderten Mittel werden mit der Rückforderung erhoben (§ 49a Abs. 3 VwVfG); ' +
  'Zinsen für verspätete Verwendung nur auf den Rest (§ 49a Abs. 4 VwVfG)';

type LateUseClaimRow = {
  id: string;
  state: string;
  lines: ClaimLine[];
  notice_reference: string | null;
  notice_interest: StoredNoticeInterest[] | null;
};

async function netzwerkfondsOf(tx: EntityManager, record: ApplicationRecord): Promise<string> {
  const [fund] = (await tx.query(`SELECT id FROM fund WHERE district_id = $1 AND kind = 'netzwerkfonds'`, [
    record.districtId,
  ])) as { id: string }[];
  if (!fund) throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.netzwerkfondsMissing);
  return fund.id;
}

/**
 * The money side of lifecycle steps, each inside the step's transaction: the grant notice commits
 * the Netzwerkfonds money (only ever the district's Netzwerkfonds: an application has no way to
 * name another fund), revocation and completion release what was not paid, and repayment claims
 * list each payment because interest runs from its day.
 */
@Injectable()
export class FundingEffects {
  constructor(private readonly ledger: LedgerService) {}

  /** APPROVE: the grant notice as issued, and one commitment per cash-year instalment. */
  async issueGrantNotice(ctx: TransitionContext): Promise<void> {
    const { tx, record, event } = ctx;
    const amount = planTotals(record.content).requested;
    const instalments = event.instalments
      ? event.instalments.map((i) => ({ cashYear: i.cashYear, amount: Money.fromCents(i.amountCents) }))
      : instalmentsOf(record.content).filter((i) => i.amount.isPositive());
    // Money committed for a year outside the period could never be called off (ANBest-P Nr. 1.4).
    if (record.content.periodStart && record.content.periodEnd) {
      const problems = instalmentYearProblems({
        instalments,
        programmeYear: record.programmeYear,
        periodStart: record.content.periodStart,
        periodEnd: record.content.periodEnd,
      });
      if (problems.length > 0) throw new ValidationError(problems);
    }
    const sum = Money.sum(instalments.map((i) => i.amount));
    if (!sum.equals(amount)) {
      throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.instalmentsMismatch, {
        instalmentsCents: sum.toString(),
        amountCents: amount.toString(),
      });
    }
    const deadlines = event.reportDeadlines ?? [];
    if (!deadlines.some((d) => d.kind === 'final')) {
      throw new ValidationError([{ field: 'reportDeadlines', rule: 'finalReportRequired' }]);
    }
    const issuedOn = calendarDayOf(ctx.now);
    const periodStart = record.content.periodStart ?? issuedOn;
    const early =
      event.earlyStartApprovedOn !== undefined || event.earlyStartReason !== undefined
        ? { approvedOn: event.earlyStartApprovedOn, reason: event.earlyStartReason }
        : null;
    if (early) {
      const problems = [];
      if (!early.approvedOn) problems.push({ field: 'earlyStartApprovedOn', rule: 'required' });
      else if (early.approvedOn > issuedOn)
        problems.push({ field: 'earlyStartApprovedOn', rule: 'notInFuture' });
      if (!early.reason) problems.push({ field: 'earlyStartReason', rule: 'required' });
      if (problems.length > 0) throw new ValidationError(problems);
    } else if (earlyStartRequired({ noticeDate: issuedOn, periodStart })) {
      throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.earlyStartMissing, {
        periodStart,
        noticeDate: issuedOn,
      });
    }
    // The district's Netzwerkfonds, the notice and the approved amount in one statement: nothing is
    // written when the district has no Netzwerkfonds. The notice cites the committee's decision the
    // step cited (`cite_decision`) and keeps it and the carrier's address as they are now: an issued
    // notice is not re-read from later records.
    const [issued] = (await tx.query(
      `WITH fund AS (
         SELECT id FROM fund WHERE district_id = $15 AND kind = 'netzwerkfonds'
       ), notice AS (
         INSERT INTO grant_notice (application_id, reference, amount_cents, period_start, period_end, instalments,
           report_deadlines, conditions, issued_on, issued_by, financing_type, early_start_approved_on,
           early_start_reason, cost_basis, decision, recipient)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                (SELECT CASE WHEN vat_deductible THEN 'net' ELSE 'gross' END FROM organisation WHERE id = $14),
                ${decisionJson('$1', '$16')}, ${recipientJson('$14')}
          WHERE EXISTS (SELECT 1 FROM fund)
       ), approved AS (
         UPDATE application SET approved_cents = $3, approved_at = now()
          WHERE id = $1 AND EXISTS (SELECT 1 FROM fund)
       )
       SELECT id FROM fund`,
      [
        record.id,
        `${record.reference}-ZB`,
        amount.toString(),
        record.content.periodStart,
        record.content.periodEnd,
        JSON.stringify(instalments.map((i) => ({ cashYear: i.cashYear, amountCents: i.amount.toString() }))),
        JSON.stringify(deadlines),
        event.conditions?.trim() ?? '',
        issuedOn,
        ctx.principal.userId,
        event.financingType ?? DEFAULT_FINANCING_TYPE,
        early?.approvedOn ?? null,
        early?.reason ?? null,
        record.organisationId,
        record.districtId,
        ctx.citation.decisionId ?? null,
      ],
    )) as { id: string }[];
    if (!issued) throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.netzwerkfondsMissing);
    const fundId = issued.id;
    // Last: the commitment holds the fund year's lock until the transaction ends, or takes it at
    // the commit (a refusal rolls back the lines above with it).
    const commitment = {
      fundId,
      applicationId: record.id,
      programmeYear: record.programmeYear,
      instalments,
      actorId: ctx.principal.userId,
      grantNoticeRef: `${record.reference}-ZB`,
      requestId: ctx.requestId,
    };
    if (ctx.countersAtCommit) await this.ledger.commitForApplicationAtCommit(tx, commitment);
    else await this.ledger.commitForApplication(tx, commitment);
  }

  /**
   * REVOKE, COMPLETE: call-offs not yet paid end with the grant (refused, with the reason, so
   * nothing is paid out of a revoked or closed grant), and what is committed and not paid goes
   * back to the budget.
   */
  async decommitUnpaid(ctx: TransitionContext): Promise<void> {
    const reason =
      ctx.event.type === 'REVOKE' ? 'Widerruf des Zuwendungsbescheids' : 'Abschluss des Projekts';
    const ended = (await ctx.tx.query(
      `UPDATE call_off SET state = 'rejected', decided_by = $2, decided_at = now(), reject_reason = $3
        WHERE application_id = $1 AND state IN ('requested', 'approved') RETURNING id, number`,
      [ctx.record.id, ctx.principal.userId, reason],
    )) as [{ id: string; number: number }[], number];
    for (const callOff of ended[0]) {
      await recordAudit(ctx.tx, {
        entityType: 'application',
        entityId: ctx.record.id,
        action: 'call_off_rejected',
        actorId: ctx.principal.userId,
        districtId: ctx.record.districtId,
        requestId: ctx.requestId,
        payload: { callOffId: callOff.id, number: callOff.number, reason },
      });
    }
    const fundId = await netzwerkfondsOf(ctx.tx, ctx.record);
    for (const year of await ledgerPosition(ctx.tx, ctx.record.id)) {
      const unpaid = year.committed.subtract(year.paid);
      if (!unpaid.isPositive()) continue;
      await this.ledger.post(ctx.tx, {
        kind: 'decommitment',
        fundId,
        programmeYear: ctx.record.programmeYear,
        cashYear: year.cashYear,
        amount: unpaid,
        project: { applicationId: ctx.record.id },
        actorId: ctx.principal.userId,
        reason:
          ctx.event.type === 'REVOKE'
            ? (ctx.event.reason ?? 'Widerruf')
            : 'Abschluss: nicht abgerufene Mittel',
        requestId: ctx.requestId,
      });
    }
  }

  /**
   * A repayment claim over the payments: everything paid (revocation), or the unspent part
   * (proof of use). The unspent part is taken from the latest payments first: interest then runs
   * for the shortest time, the reading most favourable to the carrier (documented choice).
   * Either claim charges interest from the payment days (§ 49a (3) VwVfG), so late-use interest
   * (§ 49a (4)) already paid on the same money is recorded on it, with the part of each call-off
   * the claim reclaims, to be credited for that share (`creditLateUseInterest`).
   */
  async claimRepayment(
    ctx: TransitionContext,
    reason: 'revocation' | 'unspent',
    unspent?: Money,
  ): Promise<void> {
    const lateUseClaims = await this.lockLateUseClaims(ctx);
    const lateUsePaid =
      reason === 'revocation'
        ? await this.endLateUseInterest(ctx, lateUseClaims)
        : await this.paidLateUseInterest(ctx.tx, lateUseClaims);
    const payments = (await ctx.tx.query(
      `SELECT id, paid_on::text AS paid_on, amount_cents::text AS amount_cents FROM call_off
       WHERE application_id = $1 AND state = 'paid' ORDER BY paid_on DESC, number DESC`,
      [ctx.record.id],
    )) as { id: string; paid_on: string; amount_cents: string }[];
    let remaining = reason === 'revocation' ? null : (unspent ?? Money.ZERO);
    const lines: ClaimLine[] = [];
    for (const payment of payments) {
      const paid = Money.fromCents(payment.amount_cents);
      const take = remaining === null ? paid : Money.min(paid, remaining);
      if (!take.isPositive()) break;
      lines.push({ callOffId: payment.id, paidOn: payment.paid_on, amountCents: take.toString() });
      if (remaining !== null) remaining = remaining.subtract(take);
    }
    const total = Money.sum(lines.map((l) => Money.fromCents(l.amountCents)));
    if (!total.isPositive()) return;
    const claimed = new Map(lines.map((l) => [l.callOffId, l.amountCents]));
    const credits = lateUsePaid
      .filter((c) => claimed.has(c.callOffId))
      .map((c): StoredLateUseCredit => ({ ...c, claimedPrincipalCents: claimed.get(c.callOffId)! }));
    const [claim] = (await ctx.tx.query(
      `INSERT INTO repayment_claim (application_id, reason, amount_cents, lines, created_by, late_use_credits)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        ctx.record.id,
        reason,
        total.toString(),
        JSON.stringify(lines.reverse()),
        ctx.principal.userId,
        credits.length > 0 ? JSON.stringify(credits) : null,
      ],
    )) as { id: string }[];
    // The principal is the claim ledger's first entry; interest follows with the recovery notice.
    await ctx.tx.query(
      `INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, booked_on, actor_id)
       VALUES ($1, 'principal', $2, $3, $4)`,
      [claim!.id, total.toString(), calendarDayOf(ctx.now), ctx.principal.userId],
    );
    if (reason === 'unspent') await this.relieveLateUseInterest(ctx, lateUseClaims, claimed, lateUsePaid);
  }

  /**
   * The settlement leaves the grant standing, so late-use interest stays owed, but only on the
   * money it does not reclaim: the reclaimed part bears interest from its payment day with the
   * settlement claim (§ 49a (3) VwVfG), and the same days of the same money bear interest once.
   * What was paid of the late-use interest is credited against the settlement claim for the
   * reclaimed share (`creditLateUseInterest`); here the late-use claims still open give up the rest:
   * - one without a notice will charge interest only on what is not reclaimed (its line's
   *   principal is reduced; reclaimed in full, it is closed);
   * - one whose notice fixed the interest waives the reclaimed share of it, less the share of what
   *   was paid (that part is the credit), at most what is open.
   */
  private async relieveLateUseInterest(
    ctx: TransitionContext,
    claims: readonly LateUseClaimRow[],
    claimed: ReadonlyMap<string, string>,
    paid: readonly StoredLateUseCredit[],
  ): Promise<void> {
    for (const claim of claims) {
      if (claim.state !== 'open' && claim.state !== 'partly_paid') continue;
      if (!claim.lines.some((line) => claimed.has(line.callOffId))) continue;
      if (!claim.notice_reference) {
        const lines = claim.lines
          .map((line) => {
            const reclaimed = Money.fromCents(claimed.get(line.callOffId) ?? '0');
            const rest = Money.max(Money.fromCents(line.amountCents).subtract(reclaimed), Money.ZERO);
            return { ...line, amountCents: rest.toString() };
          })
          .filter((line) => Money.fromCents(line.amountCents).isPositive());
        if (lines.length === 0) {
          await this.waiveOnLateUseClaim(ctx, claim.id, () => Money.ZERO, LATE_USE_SHARE_WITH_SETTLEMENT);
          continue;
        }
        await ctx.tx.query(`UPDATE repayment_claim SET lines = $2 WHERE id = $1`, [
          claim.id,
          JSON.stringify(lines),
        ]);
        await recordAudit(ctx.tx, {
          entityType: 'application',
          entityId: ctx.record.id,
          action: 'late_use_claim_reduced',
          actorId: ctx.principal.userId,
          districtId: ctx.record.districtId,
          requestId: ctx.requestId,
          payload: {
            claimId: claim.id,
            lines: lines.map((l) => ({ callOffId: l.callOffId, amountCents: l.amountCents })),
            reason: LATE_USE_SHARE_WITH_SETTLEMENT,
          },
        });
        continue;
      }
      let overlap = Money.ZERO;
      for (const [i, line] of claim.lines.entries()) {
        const reclaimed = claimed.get(line.callOffId);
        const calculation = claim.notice_interest?.[i];
        if (!reclaimed || !calculation) continue;
        const principal = Money.fromCents(line.amountCents);
        const share = (interest: Money) => lateUseShare(interest, Money.fromCents(reclaimed), principal);
        const paidOnLine = Money.sum(
          paid
            .filter((c) => c.lateUseClaimId === claim.id && c.callOffId === line.callOffId)
            .map((c) => Money.fromCents(c.paidInterestCents)),
        );
        overlap = overlap.add(
          Money.max(share(Money.fromCents(calculation.totalCents)).subtract(share(paidOnLine)), Money.ZERO),
        );
      }
      await this.waiveOnLateUseClaim(
        ctx,
        claim.id,
        (before) => Money.min(overlap, before.open),
        LATE_USE_SHARE_WITH_SETTLEMENT,
      );
    }
  }

  /**
   * REVOKE: interest for late use (§ 49a (4) VwVfG) is owed only where the notice stands; once it
   * is revoked, the revocation claim charges interest on the same money from its payment day
   * (§ 49a (3)), so the same days would bear interest twice. What a late-use claim still has open
   * is waived with a reason citing this (nothing booked yet: the claim is closed with that reason).
   * What the carrier already paid of it stays paid and is returned here, per call-off with the
   * late-use claim's calculation, for the revocation claim to credit against its interest
   * (`creditLateUseInterest`). Every late-use claim of the application is locked, paid ones too,
   * so the figure is the one the payments committed before the revocation left.
   */
  private async endLateUseInterest(
    ctx: TransitionContext,
    all: readonly LateUseClaimRow[],
  ): Promise<StoredLateUseCredit[]> {
    const paid = await this.paidLateUseInterest(ctx.tx, all);
    for (const { id } of all.filter((c) => c.state === 'open' || c.state === 'partly_paid')) {
      await this.waiveOnLateUseClaim(ctx, id, (before) => before.open, LATE_USE_ENDS_WITH_REVOCATION);
    }
    return paid;
  }

  /**
   * Waives `amountOf` the late-use claim's balance with `reason` (nothing booked for zero); its
   * state follows from the entries (libs/domain `claimBalance`). A claim left with nothing open
   * is closed.
   */
  private async waiveOnLateUseClaim(
    ctx: TransitionContext,
    id: string,
    amountOf: (before: ClaimBalance) => Money,
    reason: string,
  ): Promise<void> {
    const today = calendarDayOf(ctx.now);
    const before = claimBalance(await claimEntries(ctx.tx, id));
    const amount = amountOf(before);
    let after = before;
    if (amount.isPositive()) {
      after = applyClaimEntry(before, { kind: 'waiver', amount, reason });
      await ctx.tx.query(
        `INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, interest_part_cents, principal_part_cents,
           booked_on, reason, actor_id) VALUES ($1, 'waiver', $2, $3, $4, $5, $6, $7)`,
        [
          id,
          amount.toString(),
          after.waivedInterest.subtract(before.waivedInterest).toString(),
          after.waivedPrincipal.subtract(before.waivedPrincipal).toString(),
          today,
          reason,
          ctx.principal.userId,
        ],
      );
    }
    const closed = !after.open.isPositive();
    if (!closed && !amount.isPositive()) return;
    // Nothing open and nothing waived (a claim without a notice): closed as paid if any was paid.
    const state = amount.isPositive()
      ? after.state
      : after.paidInterest.isPositive() || after.paidPrincipal.isPositive()
        ? 'paid'
        : 'waived';
    // The reason stays with a claim that waived a part: paid in full later, it counts as waived.
    await ctx.tx.query(
      `UPDATE repayment_claim SET state = $2,
         waive_reason = CASE WHEN $2 = 'waived' OR $7 THEN $3 ELSE waive_reason END,
         settled_on = CASE WHEN $6 THEN $4::date ELSE settled_on END,
         settled_by = CASE WHEN $6 THEN $5::uuid ELSE settled_by END WHERE id = $1`,
      [id, state, reason, today, ctx.principal.userId, closed, amount.isPositive()],
    );
    await recordAudit(ctx.tx, {
      entityType: 'application',
      entityId: ctx.record.id,
      action: 'repayment_claim_waived',
      actorId: ctx.principal.userId,
      districtId: ctx.record.districtId,
      requestId: ctx.requestId,
      payload: {
        claimId: id,
        amountCents: amount.toString(),
        interestPartCents: after.waivedInterest.subtract(before.waivedInterest).toString(),
        principalPartCents: after.waivedPrincipal.subtract(before.waivedPrincipal).toString(),
        bookedOn: today,
        reason,
      },
    });
  }

  /**
   * Every late-use claim of the application, locked, paid ones too: what was paid on them is the
   * figure the payments committed before this step left.
   */
  private async lockLateUseClaims(ctx: TransitionContext): Promise<LateUseClaimRow[]> {
    return (await ctx.tx.query(
      `SELECT id, state, lines, notice_reference, notice_interest FROM repayment_claim
        WHERE application_id = $1 AND reason = 'late_use' ORDER BY created_at, id FOR UPDATE`,
      [ctx.record.id],
    )) as LateUseClaimRow[];
  }

  /**
   * The late-use interest paid on each claim (the interest parts of its payments), spread over its
   * lines in order, each up to the interest its notice fixed on it (a late-use claim has one line,
   * the late call-off).
   */
  private async paidLateUseInterest(
    tx: EntityManager,
    claims: readonly {
      id: string;
      lines: ClaimLine[];
      notice_reference: string | null;
      notice_interest: StoredNoticeInterest[] | null;
    }[],
  ): Promise<StoredLateUseCredit[]> {
    if (claims.length === 0) return [];
    const sums = (await tx.query(
      `SELECT claim_id, sum(interest_part_cents)::text AS paid FROM repayment_claim_entry
        WHERE claim_id = ANY($1::uuid[]) AND kind = 'payment' GROUP BY claim_id`,
      [claims.map((c) => c.id)],
    )) as { claim_id: string; paid: string }[];
    const paidBy = new Map(sums.map((s) => [s.claim_id, Money.fromCents(s.paid)]));
    const credits: StoredLateUseCredit[] = [];
    for (const claim of claims) {
      let left = paidBy.get(claim.id) ?? Money.ZERO;
      for (const [i, line] of claim.lines.entries()) {
        const calculation = claim.notice_interest?.[i];
        if (!left.isPositive() || !calculation || !line.usedOn) continue;
        const take = Money.min(left, Money.fromCents(calculation.totalCents));
        left = left.subtract(take);
        if (!take.isPositive()) continue;
        credits.push({
          lateUseClaimId: claim.id,
          reference: claim.notice_reference,
          callOffId: line.callOffId,
          principalCents: line.amountCents,
          paidOn: line.paidOn,
          usedOn: line.usedOn,
          paidInterestCents: take.toString(),
          lines: calculation.lines,
        });
      }
    }
    return credits;
  }
}
