import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  Money,
  NotFoundError,
  ValidationError,
} from '@kiezfonds/domain';
import { BaseRateService, FUNDS_ERROR_CODES, interestView, LedgerService } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { berlinDay } from '../lifecycle/transition-context';
import { requestHash, runIdempotent } from '../lifecycle/idempotency';
import { ApplicationScope } from '../scope/application-scope';
import { loadApplicationRecord } from '../applications/application-record';
import type { ClaimLine } from './funding-effects.service';
import { computeSettlement, latestFinalReport, settlementView, storedSettlement } from './settlement';

/** Interim reports (Sachberichte) and the repayment claims of an application. */
@Injectable()
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly baseRates: BaseRateService,
    private readonly ledger: LedgerService,
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
      actuals: unknown[];
      overruns: unknown[];
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

  async addInterim(principal: Principal, applicationId: string, text: string, requestId: string | null) {
    const scope = ApplicationScope.of(principal);
    return this.dataSource.transaction(async (tx) => {
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
      return { id: row!.id, kind: 'interim', submittedAt: row!.submitted_at.toISOString() };
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
    if (report.settlement) return { state: 'settled', ...settlementView(report.settlement, locale) };
    const record = await loadApplicationRecord(this.dataSource, scoped.id);
    const computed = await computeSettlement(this.dataSource, scoped.id, record.content, report);
    return { state: 'preview', ...settlementView(storedSettlement(computed), locale) };
  }

  /** Claims with the interest up to `asOf` (default today, or the settlement day), line by line. */
  async claims(principal: Principal, applicationId: string, locale: 'de' | 'en') {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const rows = (await this.dataSource.query(
      `SELECT id, reason, amount_cents::text AS amount_cents, lines, state, created_at, settled_on::text AS settled_on
       FROM repayment_claim WHERE application_id = $1 ORDER BY created_at, id`,
      [scoped.id],
    )) as {
      id: string;
      reason: 'unspent' | 'revocation';
      amount_cents: string;
      lines: ClaimLine[];
      state: 'open' | 'settled';
      created_at: Date;
      settled_on: string | null;
    }[];
    const today = berlinDay(new Date());
    const items = [];
    for (const claim of rows) {
      const asOf = claim.settled_on ?? today;
      const lines = [];
      // Null when the base-rate table does not reach back to a payment day: finance must add the
      // rate first; the claim itself stands, only its interest cannot be stated yet.
      let interest: Money | null = Money.ZERO;
      for (const line of claim.lines) {
        try {
          const result = await this.baseRates.repaymentInterest({
            principal: Money.fromCents(line.amountCents),
            paidOn: line.paidOn,
            repaidOn: asOf,
          });
          interest = interest?.add(result.total) ?? null;
          lines.push({ callOffId: line.callOffId, ...interestView(result, locale) });
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== FUNDS_ERROR_CODES.baseRateMissing)
            throw error;
          interest = null;
          lines.push({
            callOffId: line.callOffId,
            principalCents: line.amountCents,
            paidOn: line.paidOn,
            lines: [],
          });
        }
      }
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
      });
    }
    return { items };
  }

  /** Finance records that the claim's principal came back: a ledger repayment per payment's cash year. */
  async settle(
    principal: Principal,
    claimId: string,
    repaidOn: string,
    requestId: string | null,
    idempotencyKey?: string,
  ) {
    if (repaidOn > berlinDay(new Date()))
      throw new ValidationError([{ field: 'repaidOn', rule: 'notInFuture' }]);
    const scope = ApplicationScope.of(principal);
    const key = `repayment-claim-settle:${claimId}`;
    return runIdempotent(
      this.dataSource,
      { userId: principal.userId, key: idempotencyKey, scope: key, hash: requestHash(key, { repaidOn }) },
      async (tx) => {
        const [claim] = (await tx.query(
          `SELECT id, application_id, state, lines FROM repayment_claim WHERE id = $1 FOR UPDATE`,
          [claimId],
        )) as { id: string; application_id: string; state: string; lines: ClaimLine[] }[];
        if (!claim) throw new NotFoundError();
        const scoped = await scope.application(tx, claim.application_id);
        if (!scope.isStaffOf(scoped.districtId, 'finance')) throw new ForbiddenError();
        if (claim.state !== 'open') throw new ConflictError(APPLICATIONS_ERROR_CODES.claimSettled);
        const [app] = (await tx.query(
          `SELECT c.programme_year, f.id AS fund_id FROM application a JOIN call c ON c.id = a.call_id
         JOIN fund f ON f.district_id = c.district_id AND f.kind = 'netzwerkfonds' WHERE a.id = $1`,
          [claim.application_id],
        )) as { programme_year: number; fund_id: string }[];
        const byYear = new Map<number, Money>();
        for (const line of claim.lines) {
          const [callOff] = (await tx.query(`SELECT cash_year FROM call_off WHERE id = $1`, [
            line.callOffId,
          ])) as {
            cash_year: number;
          }[];
          const year = callOff!.cash_year;
          byYear.set(year, (byYear.get(year) ?? Money.ZERO).add(Money.fromCents(line.amountCents)));
        }
        for (const [cashYear, amount] of [...byYear].sort((a, b) => a[0] - b[0])) {
          await this.ledger.post(tx, {
            kind: 'repayment',
            fundId: app!.fund_id,
            programmeYear: app!.programme_year,
            cashYear,
            amount,
            project: { applicationId: claim.application_id },
            actorId: principal.userId,
            reason: `Rückforderung ${claim.id}`,
            requestId,
          });
        }
        await tx.query(
          `UPDATE repayment_claim SET state = 'settled', settled_on = $2, settled_by = $3 WHERE id = $1`,
          [claim.id, repaidOn, principal.userId],
        );
        await recordAudit(tx, {
          entityType: 'application',
          entityId: claim.application_id,
          action: 'repayment_settled',
          actorId: principal.userId,
          districtId: scoped.districtId,
          requestId,
          payload: { claimId: claim.id, repaidOn },
        });
        return { id: claim.id, state: 'settled', settledOn: repaidOn };
      },
    );
  }
}
