import { Injectable } from '@nestjs/common';
import {
  calendarDayOf,
  ConflictError,
  type CostCategory,
  DomainError,
  ForbiddenError,
  type LineRule,
  Money,
  type RepaymentInterest,
} from '@kiezfonds/domain';
import { BaseRateService, FUNDS_ERROR_CODES, interestView } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { ApplicationScope } from '../scope/application-scope';
import { loadApplicationRecord } from '../applications/application-record';
import {
  type ClaimForInterest,
  claimInterest,
  type ClaimInterestWithCredits,
  type LateUseCredit,
  readCalculation,
  readLateUseCredit,
  type StoredClaimInterest,
} from './claim-interest';
import { RecoveryService } from './recovery.service';
import { computeSettlement, latestFinalReport, settlementView, storedSettlement } from './settlement';

/** One actual of the proof of use as the SUBMIT_FINAL_REPORT event recorded it. */
interface ReportedActual {
  cashYear: number;
  category: CostCategory;
  amountCents: string;
  vatCents?: string;
}

/**
 * An overrun line as recorded with the proof of use: libs/domain PlanComparisonLine, its amounts
 * as strings of cents (Money's JSON). Older reports lack the fields added since.
 */
interface RecordedOverrun {
  cashYear: number;
  category: CostCategory;
  planned: string;
  actual: string;
  excludedVat?: string;
  deviationPercent: number | null;
  overrun: boolean;
  eligible: string;
  source?: 'plan' | 'approved_change' | 'none';
  rule?: LineRule;
}

/** Interim reports (Sachberichte) and the repayment claims of an application. */
@Injectable()
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly baseRates: BaseRateService,
    private readonly recovery: RecoveryService,
  ) {}

  async reports(principal: Principal, applicationId: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.kind, r.text, r.actuals, r.overruns, r.spent_cents::text AS spent_cents, r.submitted_at,
              u.display_name AS submitted_by
       FROM application_report r LEFT JOIN app_user u ON u.id = r.submitted_by
       WHERE r.application_id = $1 ORDER BY r.submitted_at, r.id`,
      [scoped.id],
    )) as {
      id: string;
      kind: 'interim' | 'final';
      text: string;
      actuals: ReportedActual[];
      overruns: RecordedOverrun[];
      spent_cents: string | null;
      submitted_at: Date;
      submitted_by: string | null;
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        text: r.text,
        actuals: r.actuals,
        overruns: r.overruns,
        spentCents: r.spent_cents,
        submittedAt: r.submitted_at.toISOString(),
        submittedBy: r.submitted_by,
      })),
    };
  }

  /** An interim report; the same Idempotency-Key and text again answer the first answer, one report. */
  async addInterim(
    principal: Principal,
    applicationId: string,
    text: string,
    requestId: string | null,
    key?: string,
  ) {
    const scope = ApplicationScope.of(principal);
    const idempotency = `interim-report:${applicationId}`;
    const request = {
      userId: principal.userId,
      key,
      scope: idempotency,
      hash: requestHash(idempotency, { text }),
    };
    return runIdempotent(this.dataSource, request, async (tx) => {
      const scoped = await scope.application(tx, applicationId, { lock: true });
      if (!scope.isCarrierOf(scoped.organisationId)) throw new ForbiddenError('not_organisation_member');
      if (scoped.state !== 'in_implementation') {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.reportNotAllowed, [], { state: scoped.state });
      }
      const [row] = (await tx.query(
        `INSERT INTO application_report (application_id, kind, text, submitted_by) VALUES ($1, 'interim', $2, $3)
         RETURNING id, submitted_at`,
        [scoped.id, text, principal.userId],
      )) as { id: string; submitted_at: Date }[];
      await recordAudit(tx, {
        entityType: 'application',
        entityId: scoped.id,
        action: 'interim_report_submitted',
        actorId: principal.userId,
        districtId: scoped.districtId,
        requestId,
        payload: { reportId: row!.id },
      });
      return { id: row!.id, kind: 'interim' as const, submittedAt: row!.submitted_at.toISOString() };
    });
  }

  /**
   * The settlement of the proof of use line by line, with the rule applied on each line: as
   * stored at completion, or, before it, as it would be computed now (`state: preview`).
   */
  async settlement(principal: Principal, applicationId: string, locale: 'de' | 'en') {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const report = await latestFinalReport(this.dataSource, scoped.id);
    if (!report) throw new ConflictError(APPLICATIONS_ERROR_CODES.settlementUnavailable);
    if (report.settlement) return { state: 'settled' as const, ...settlementView(report.settlement, locale) };
    const record = await loadApplicationRecord(this.dataSource, scoped.id);
    const computed = await computeSettlement(this.dataSource, scoped.id, record.content, report);
    return { state: 'preview' as const, ...settlementView(storedSettlement(computed), locale) };
  }

  /**
   * Claims with the interest up to `asOf` (default today, or the settlement day), line by line.
   * An open claim shows what it bears now, computed as the booking computes it (`claimInterest`):
   * with a notice, the notice's lines up to its due day, then the days after it. A paid or waived
   * claim shows the interest as booked, with the calculation kept when it was booked, never one
   * recomputed from a base-rate table changed later.
   */
  async claims(principal: Principal, applicationId: string, locale: 'de' | 'en') {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const rows = (await this.dataSource.query(
      `SELECT id, reason, amount_cents::text AS amount_cents, lines, state, created_at, settled_on::text AS settled_on,
              notice_reference, notice_due_by::text AS notice_due_by, notice_interest, late_use_credits,
              interest_calculation, waive_reason
       FROM repayment_claim WHERE application_id = $1 ORDER BY created_at, id`,
      [scoped.id],
    )) as (ClaimForInterest & {
      id: string;
      amount_cents: string;
      state: 'open' | 'partly_paid' | 'paid' | 'waived';
      created_at: Date;
      settled_on: string | null;
      notice_reference: string | null;
      interest_calculation: StoredClaimInterest | null;
      waive_reason: string | null;
    })[];
    const today = calendarDayOf(new Date());
    const baseRates = rows.length > 0 ? await this.baseRates.list() : [];
    const items = [];
    for (const claim of rows) {
      const balance = await this.recovery.balanceOf(this.dataSource, claim.id);
      const entries = await this.recovery.entries(this.dataSource, claim.id);
      // Interest runs to the repayment (settlement or today); a notice fixes it at least up to its
      // due day (RecoveryService: a payment before the due day pays what the notice fixed).
      const runsTo = claim.settled_on ?? today;
      const asOf = claim.notice_due_by && claim.notice_due_by > runsTo ? claim.notice_due_by : runsTo;
      // Null when the base-rate table does not reach back to a payment day: finance must add the
      // rate first; the claim itself stands, only its interest cannot be stated yet.
      const computed = (): ClaimInterestWithCredits | null => {
        try {
          return claimInterest(claim, entries, asOf, baseRates);
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== FUNDS_ERROR_CODES.baseRateMissing)
            throw error;
          return null;
        }
      };
      const closed = claim.state === 'paid' || claim.state === 'waived';
      let interest: Money | null;
      let calculation: {
        lines: RepaymentInterest[];
        credits: RepaymentInterest[];
        lateUseCredits: LateUseCredit[];
      } | null;
      if (closed && claim.interest_calculation) {
        interest = balance.interest;
        calculation = {
          lines: claim.interest_calculation.lines.map(readCalculation),
          credits: claim.interest_calculation.credits.map(readCalculation),
          lateUseCredits: (claim.interest_calculation.lateUseCredits ?? []).map(readLateUseCredit),
        };
      } else if (closed && balance.interest.isZero()) {
        // Closed with no interest booked (e.g. late use waived on revocation): nothing to show.
        interest = balance.interest;
        calculation = { lines: [], credits: [], lateUseCredits: [] };
      } else {
        // Claims settled before their calculation was kept show their lines as computed now.
        const now = computed();
        calculation = now;
        // Never less than the claim has booked.
        interest = closed ? balance.interest : now ? Money.max(now.total, balance.interest) : null;
      }
      const lines = calculation
        ? calculation.lines.map((result, i) => ({
            callOffId: claim.lines[i]!.callOffId,
            ...interestView(result, locale),
          }))
        : claim.lines.map((line) => ({
            callOffId: line.callOffId,
            principalCents: line.amountCents,
            paidOn: line.paidOn,
            lines: [],
          }));
      const credits = [
        ...(calculation?.credits ?? []).map((c) => creditView(interestView(c, locale), locale)),
        ...(calculation?.lateUseCredits ?? [])
          .filter((c) => c.total.isPositive())
          .map((c) => lateUseCreditView(c, locale)),
      ];
      items.push({
        id: claim.id,
        reason: claim.reason,
        amountCents: claim.amount_cents,
        state: claim.state,
        createdAt: claim.created_at.toISOString(),
        settledOn: claim.settled_on,
        interestAsOf: asOf,
        interestCents: interest?.toString() ?? null,
        totalCents: interest ? Money.fromCents(claim.amount_cents).add(interest).toString() : null,
        lines,
        credits,
        // The notice sets its reference and due day together.
        notice:
          claim.notice_reference && claim.notice_due_by
            ? { reference: claim.notice_reference, dueBy: claim.notice_due_by }
            : null,
        waiveReason: claim.waive_reason,
        balance: {
          principalCents: balance.principal.toString(),
          interestCents: balance.interest.toString(),
          openPrincipalCents: balance.openPrincipal.toString(),
          openInterestCents: balance.openInterest.toString(),
          openCents: balance.open.toString(),
        },
        entries,
      });
    }
    return { items };
  }
}

/** An interest calculation on repaid principal, as a deduction: its sentences say so. */
function creditView(view: ReturnType<typeof interestView>, locale: 'de' | 'en') {
  const prefix = locale === 'de' ? 'Abzüglich für zurückgezahlte Beträge: ' : 'Less, for amounts repaid: ';
  return {
    kind: 'repaid' as const,
    lateUseClaimId: null,
    principalCents: view.principalCents,
    settledOn: view.paidOn,
    repaidOn: view.repaidOn,
    days: view.days,
    lines: view.lines.map((line) => ({ ...line, text: `${prefix}${line.text}` })),
    totalCents: view.totalCents,
  };
}

/**
 * Late-use interest paid on the money the claim reclaims, as a deduction: the late-use calculation
 * line by line, each with the part of it credited (the payment covered the lines oldest first);
 * where the claim reclaims only part of the money, the share of it that is credited.
 */
function lateUseCreditView(credit: LateUseCredit, locale: 'de' | 'en') {
  const view = interestView(
    {
      principal: credit.principal,
      paidOn: credit.paidOn,
      repaidOn: credit.usedOn,
      days: credit.lines.reduce((sum, l) => sum + l.days, 0),
      lines: credit.lines,
      total: Money.sum(credit.lines.map((l) => l.interest)),
    },
    locale,
  );
  const notice = credit.reference
    ? locale === 'de'
      ? `, Bescheid ${credit.reference}`
      : `, notice ${credit.reference}`
    : '';
  const share = credit.claimed.equals(credit.principal)
    ? ''
    : locale === 'de'
      ? `; anteilig für ${credit.claimed.format(locale)} von ${credit.principal.format(locale)}: ${credit.share.format(locale)}`
      : `; the share for ${credit.claimed.format(locale)} of ${credit.principal.format(locale)}: ${credit.share.format(locale)}`;
  const prefix =
    locale === 'de'
      ? `Abzüglich bereits gezahlte Zinsen für verspätete Verwendung (§ 49a Abs. 4 VwVfG${notice}${share}): `
      : `Less interest for late use already paid (§ 49a (4) VwVfG${notice}${share}): `;
  return {
    kind: 'late_use_interest_paid' as const,
    lateUseClaimId: credit.lateUseClaimId,
    principalCents: view.principalCents,
    settledOn: view.paidOn,
    repaidOn: view.repaidOn,
    days: view.days,
    lines: view.lines.map((line, i) => {
      const { interest, credited } = credit.lines[i]!;
      const part = credited.equals(interest)
        ? ''
        : locale === 'de'
          ? `; davon gezahlt und angerechnet: ${credited.format(locale)}`
          : `; of which paid and credited: ${credited.format(locale)}`;
      return { ...line, interestCents: credited.toString(), text: `${prefix}${line.text}${part}` };
    }),
    totalCents: credit.total.toString(),
  };
}
