import { Injectable } from '@nestjs/common';
import {
  calendarDayOf,
  applyClaimEntry,
  BusinessRuleError,
  type ClaimBalance,
  claimBalance,
  type ClaimEntry,
  claimEntryRefusal,
  ConflictError,
  ForbiddenError,
  type Locale,
  Money,
  NotFoundError,
  type RepaymentInterestLine,
  ValidationError,
} from '@kiezfonds/domain';
import { renderRecoveryNotice } from '@kiezfonds/documents';
import { BaseRateService, LedgerService } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { loadApplicationRecord } from '../applications/application-record';
import { ApplicationNotices, noticeApplication } from '../notices/application-notices';
import { ApplicationScope, type Db } from '../scope/application-scope';
import {
  claimInterest,
  creditLateUseInterest,
  type StoredLateUseCredit,
  type StoredNoticeInterest,
  storeClaimInterest,
  storeLines,
} from './claim-interest';
import { claimEntries } from './claim-entries';
import type { ClaimLine } from './funding-effects.service';
import { latestFinalReport } from './settlement';

interface ClaimRow {
  id: string;
  application_id: string;
  reason: 'unspent' | 'revocation' | 'late_use';
  amount_cents: string;
  lines: ClaimLine[];
  state: ClaimBalance['state'];
  notice_reference: string | null;
  notice_issued_on: string | null;
  notice_due_by: string | null;
  notice_interest: StoredNoticeInterest[] | null;
  late_use_credits: StoredLateUseCredit[] | null;
  waive_reason: string | null;
}

const CLAIM_COLUMNS = `id, application_id, reason, amount_cents::text AS amount_cents, lines, state, notice_reference,
  notice_issued_on::text AS notice_issued_on, notice_due_by::text AS notice_due_by, notice_interest, late_use_credits,
  waive_reason`;

/**
 * Recovery (Rückforderung): the notice that fixes principal and interest line by line, payments
 * received against the claim (interest first; the principal part flows back to the fund as a
 * ledger repayment per cash year) and waivers with a reason. Each claim keeps its own
 * append-only ledger of entries; its state follows from them (libs/domain `claimBalance`).
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly baseRates: BaseRateService,
    private readonly ledger: LedgerService,
    private readonly notices: ApplicationNotices,
  ) {}

  /** The claim's entries and open amounts, for the claims list. */
  async balanceOf(db: Db, claimId: string): Promise<ClaimBalance> {
    return claimBalance(await claimEntries(db, claimId));
  }

  async entries(db: Db, claimId: string) {
    return (await db.query(
      `SELECT kind, amount_cents::text AS "amountCents", interest_part_cents::text AS "interestPartCents",
              principal_part_cents::text AS "principalPartCents", booked_on::text AS "bookedOn", reason
       FROM repayment_claim_entry WHERE claim_id = $1 ORDER BY seq`,
      [claimId],
    )) as {
      kind: ClaimEntry['kind'];
      amountCents: string;
      interestPartCents: string;
      principalPartCents: string;
      bookedOn: string;
      reason: string | null;
    }[];
  }

  /**
   * Issues the Rückforderungs- und Zinsbescheid: interest on each paid line from its payment day
   * to the due day (exclusive), booked as the claim's interest entry, and the carrier told.
   */
  async issueNotice(
    principal: Principal,
    claimId: string,
    dueBy: string,
    requestId: string | null,
    key?: string,
  ) {
    const scope = `repayment-claim-notice:${claimId}`;
    return runIdempotent(
      this.dataSource,
      { userId: principal.userId, key, scope, hash: requestHash(scope, { dueBy }) },
      async (tx) => {
        // The application first: its lock orders the notices of its claims, which are numbered
        // one after the other (RF1, RF2, …), and it is the order a revocation locks in.
        const { claim, districtId } = await this.lockForFinance(tx, principal, claimId);
        if (claim.notice_reference) throw new ConflictError(APPLICATIONS_ERROR_CODES.recoveryNoticeIssued);
        if (claim.state !== 'open')
          throw new ConflictError(APPLICATIONS_ERROR_CODES.claimSettled, [], { state: claim.state });
        const today = calendarDayOf(new Date());
        if (dueBy < today) throw new ValidationError([{ field: 'dueBy', rule: 'notInPast' }]);
        const stored: StoredNoticeInterest[] = [];
        for (const line of claim.lines) {
          const result = await this.baseRates.repaymentInterest(
            // Late use bears interest up to the use; a repayment claim up to the due day.
            {
              principal: Money.fromCents(line.amountCents),
              paidOn: line.paidOn,
              repaidOn: claim.reason === 'late_use' ? (line.usedOn ?? dueBy) : dueBy,
            },
            tx,
          );
          stored.push({
            callOffId: line.callOffId,
            paidOn: line.paidOn,
            principalCents: line.amountCents,
            totalCents: result.total.toString(),
            lines: storeLines(result.lines),
          });
        }
        // Less the late-use interest paid on the same money before a revocation (claimInterest).
        const charged = Money.sum(stored.map((s) => Money.fromCents(s.totalCents)));
        const credits = creditLateUseInterest(
          claim.late_use_credits,
          stored.map((s) => ({ callOffId: s.callOffId, interest: Money.fromCents(s.totalCents) })),
          charged,
        );
        const interest = charged.subtract(Money.sum(credits.map((c) => c.total)));
        if (interest.isPositive()) {
          await tx.query(
            `INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, booked_on, actor_id)
             VALUES ($1, 'interest', $2, $3, $4)`,
            [claim.id, interest.toString(), today, principal.userId],
          );
        }
        const record = await loadApplicationRecord(tx, claim.application_id);
        const [{ n }] = (await tx.query(
          `SELECT count(*)::int + 1 AS n FROM repayment_claim WHERE application_id = $1 AND notice_reference IS NOT NULL`,
          [claim.application_id],
        )) as [{ n: number }];
        const reference = `${record.reference}-RF${n}`;
        await tx.query(
          `UPDATE repayment_claim SET notice_reference = $2, notice_issued_on = $3, notice_due_by = $4, notice_interest = $5
           WHERE id = $1`,
          [claim.id, reference, today, dueBy, JSON.stringify(stored)],
        );
        const principalAmount = Money.fromCents(claim.amount_cents);
        await recordAudit(tx, {
          entityType: 'application',
          entityId: claim.application_id,
          action: 'recovery_notice_issued',
          actorId: principal.userId,
          districtId,
          requestId,
          payload: {
            claimId: claim.id,
            reference,
            dueBy,
            principalCents: claim.amount_cents,
            interestCents: interest.toString(),
            ...(charged.equals(interest)
              ? {}
              : { lateUseCreditCents: charged.subtract(interest).toString() }),
          },
        });
        await this.notices.send(tx, record, 'carrier', {
          kind: 'recovery_notice_issued',
          key: `repayment-claim:${claim.id}:notice`,
          data: {
            application: noticeApplication(record),
            claim: {
              reference,
              principalCents: Number(claim.amount_cents),
              interestCents: Number(interest.cents),
              totalCents: Number(principalAmount.add(interest).cents),
              dueBy,
            },
          },
        });
        return {
          id: claim.id,
          reference,
          issuedOn: today,
          dueBy,
          principalCents: claim.amount_cents,
          interestCents: interest.toString(),
          totalCents: principalAmount.add(interest).toString(),
        };
      },
    );
  }

  /**
   * A payment received from the carrier: interest first, then principal (§ 367 BGB); the principal
   * part is a ledger repayment, split over the claim's payments by their cash years in order.
   */
  async receivePayment(
    principal: Principal,
    claimId: string,
    input: { amountCents: string | number; receivedOn: string },
    requestId: string | null,
    key?: string,
  ) {
    if (input.receivedOn > calendarDayOf(new Date()))
      throw new ValidationError([{ field: 'receivedOn', rule: 'notInFuture' }]);
    const scope = `repayment-claim-payment:${claimId}`;
    const body = { amountCents: String(input.amountCents), receivedOn: input.receivedOn };
    return runIdempotent(
      this.dataSource,
      { userId: principal.userId, key, scope, hash: requestHash(scope, body) },
      (tx) =>
        this.book(
          tx,
          principal,
          claimId,
          { kind: 'payment', amount: Money.fromCents(input.amountCents) },
          input.receivedOn,
          requestId,
        ),
    );
  }

  /** Waives what is still open, with a reason (e.g. § 59 LHO); the claim is then `waived`. */
  async waive(principal: Principal, claimId: string, reason: string, requestId: string | null, key?: string) {
    const scope = `repayment-claim-waiver:${claimId}`;
    return runIdempotent(
      this.dataSource,
      { userId: principal.userId, key, scope, hash: requestHash(scope, { reason }) },
      (tx) =>
        this.book(
          tx,
          principal,
          claimId,
          (balance) => ({ kind: 'waiver', amount: balance.open, reason }),
          calendarDayOf(new Date()),
          requestId,
        ),
    );
  }

  /** The whole open amount received on `repaidOn` (the former "settle" command). */
  async settleInFull(
    principal: Principal,
    claimId: string,
    repaidOn: string,
    requestId: string | null,
    key?: string,
  ) {
    if (repaidOn > calendarDayOf(new Date()))
      throw new ValidationError([{ field: 'repaidOn', rule: 'notInFuture' }]);
    const scope = `repayment-claim-settle:${claimId}`;
    return runIdempotent(
      this.dataSource,
      { userId: principal.userId, key, scope, hash: requestHash(scope, { repaidOn }) },
      (tx) =>
        this.book(
          tx,
          principal,
          claimId,
          (balance) => ({ kind: 'payment', amount: balance.open }),
          repaidOn,
          requestId,
        ),
    );
  }

  /**
   * A payment or waiver on `bookedOn`. The interest the claim has borne up to that day is booked
   * first where the notice (or an earlier payment) has not booked it yet (`accrueInterest`), so a
   * payment after the due day, or a settlement before any notice, pays interest to its own day.
   * `entry` may depend on the balance after that (settling or waiving what is open).
   */
  private async book(
    tx: EntityManager,
    principal: Principal,
    claimId: string,
    entryFor: ClaimEntry | ((balance: ClaimBalance) => ClaimEntry),
    bookedOn: string,
    requestId: string | null,
  ) {
    // The application first, as every command on it (a revocation locks it and then closes its
    // late-use claims): a payment taken between would be booked on a claim the revocation is closing.
    const { claim, districtId } = await this.lockForFinance(tx, principal, claimId);
    const settled = claimBalance(await claimEntries(tx, claim.id));
    if (settled.state === 'paid' || settled.state === 'waived') {
      throw new ConflictError(APPLICATIONS_ERROR_CODES.claimSettled, [], { state: settled.state });
    }
    await this.accrueInterest(tx, claim, settled, bookedOn, principal.userId);
    const before = claimBalance(await claimEntries(tx, claim.id));
    const entry = typeof entryFor === 'function' ? entryFor(before) : entryFor;
    const refusal = claimEntryRefusal(before, entry);
    if (refusal) throw refusal;
    const after = applyClaimEntry(before, entry);
    const interestPart =
      entry.kind === 'payment'
        ? after.paidInterest.subtract(before.paidInterest)
        : after.waivedInterest.subtract(before.waivedInterest);
    const principalPart = entry.amount.subtract(interestPart);
    await tx.query(
      `INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, interest_part_cents, principal_part_cents,
         booked_on, reason, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        claim.id,
        entry.kind,
        entry.amount.toString(),
        interestPart.toString(),
        principalPart.toString(),
        bookedOn,
        entry.reason ?? null,
        principal.userId,
      ],
    );
    if (entry.kind === 'payment' && principalPart.isPositive()) {
      await this.bookRepayment(tx, principal, claim, before.paidPrincipal, principalPart, requestId);
    }
    await tx.query(
      `UPDATE repayment_claim SET state = $2, waive_reason = COALESCE($3, waive_reason),
        settled_on = CASE WHEN $2 IN ('paid', 'waived') THEN $4::date ELSE settled_on END,
        settled_by = CASE WHEN $2 IN ('paid', 'waived') THEN $5::uuid ELSE settled_by END WHERE id = $1`,
      [claim.id, after.state, entry.kind === 'waiver' ? entry.reason : null, bookedOn, principal.userId],
    );
    await recordAudit(tx, {
      entityType: 'application',
      entityId: claim.application_id,
      action: entry.kind === 'payment' ? 'repayment_received' : 'repayment_claim_waived',
      actorId: principal.userId,
      districtId,
      requestId,
      payload: {
        claimId: claim.id,
        amountCents: entry.amount.toString(),
        interestPartCents: interestPart.toString(),
        principalPartCents: principalPart.toString(),
        bookedOn,
        ...(entry.reason ? { reason: entry.reason } : {}),
      },
    });
    return {
      id: claim.id,
      state: after.state,
      openCents: after.open.toString(),
      openPrincipalCents: after.openPrincipal.toString(),
      openInterestCents: after.openInterest.toString(),
      settledOn: after.state === 'paid' || after.state === 'waived' ? bookedOn : null,
    };
  }

  /**
   * Books the interest the claim has borne up to `until` on its principal as outstanding day by
   * day, less what is booked already (`claimInterest`, libs/domain `accruedClaimInterest`). Once a
   * notice is issued, its interest up to the due day stands as it fixed it: only the days from the
   * due day on are added, so a base rate recorded after the notice does not change what it
   * decided, and a payment before the due day pays what the notice fixed. Nothing for late use,
   * whose interest ends with the use and is fixed by the notice. The calculation is kept on the
   * claim, so a settled claim shows what it was settled with.
   */
  private async accrueInterest(
    tx: EntityManager,
    claim: ClaimRow,
    balance: ClaimBalance,
    until: string,
    actorId: string,
  ): Promise<void> {
    if (claim.reason === 'late_use') return;
    const settled = (await tx.query(
      `SELECT principal_part_cents::text AS "principalPartCents", booked_on::text AS "bookedOn"
         FROM repayment_claim_entry
        WHERE claim_id = $1 AND kind IN ('payment', 'waiver') AND principal_part_cents > 0 ORDER BY seq`,
      [claim.id],
    )) as { principalPartCents: string; bookedOn: string }[];
    const accrued = claimInterest(claim, settled, until, await this.baseRates.list(tx));
    const missing = accrued.total.subtract(balance.interest);
    if (missing.isPositive()) {
      await tx.query(
        `INSERT INTO repayment_claim_entry (claim_id, kind, amount_cents, booked_on, actor_id)
         VALUES ($1, 'interest', $2, $3, $4)`,
        [claim.id, missing.toString(), until, actorId],
      );
    }
    // Kept when it states what is booked; a booking that adds nothing keeps the earlier one.
    if (missing.isPositive() || accrued.total.equals(balance.interest)) {
      await tx.query(`UPDATE repayment_claim SET interest_calculation = $2 WHERE id = $1`, [
        claim.id,
        JSON.stringify(storeClaimInterest(claim, until, accrued)),
      ]);
    }
  }

  /** The principal part as ledger repayments, taken from the claim's lines in order, per cash year. */
  private async bookRepayment(
    tx: EntityManager,
    principal: Principal,
    claim: ClaimRow,
    alreadyRepaid: Money,
    amount: Money,
    requestId: string | null,
  ): Promise<void> {
    const [app] = (await tx.query(
      `SELECT c.programme_year, f.id AS fund_id FROM application a JOIN call c ON c.id = a.call_id
       JOIN fund f ON f.district_id = c.district_id AND f.kind = 'netzwerkfonds' WHERE a.id = $1`,
      [claim.application_id],
    )) as { programme_year: number; fund_id: string }[];
    if (!app) throw new BusinessRuleError(APPLICATIONS_ERROR_CODES.netzwerkfondsMissing);
    const byYear = new Map<number, Money>();
    let skip = alreadyRepaid;
    let left = amount;
    for (const line of claim.lines) {
      let lineAmount = Money.fromCents(line.amountCents);
      const skipped = Money.min(skip, lineAmount);
      skip = skip.subtract(skipped);
      lineAmount = lineAmount.subtract(skipped);
      const take = Money.min(lineAmount, left);
      if (!take.isPositive()) continue;
      left = left.subtract(take);
      const [callOff] = (await tx.query(`SELECT cash_year FROM call_off WHERE id = $1`, [
        line.callOffId,
      ])) as {
        cash_year: number;
      }[];
      const year = callOff!.cash_year;
      byYear.set(year, (byYear.get(year) ?? Money.ZERO).add(take));
    }
    for (const [cashYear, part] of [...byYear].sort((a, b) => a[0] - b[0])) {
      const posting = {
        fundId: app.fund_id,
        programmeYear: app.programme_year,
        cashYear,
        amount: part,
        project: { applicationId: claim.application_id },
        actorId: principal.userId,
        reason: `Rückforderung ${claim.notice_reference ?? claim.id}`,
        requestId,
      };
      await this.ledger.post(tx, { kind: 'repayment', ...posting });
      // A claim's principal comes back from an ended grant (completed or revoked), whose
      // commitment the workflow already cut to what was paid: what comes back will not be paid
      // again, so it goes back to the budget. Nobody else can de-commit the Netzwerkfonds' grants.
      await this.ledger.post(tx, { kind: 'decommitment', ...posting });
    }
  }

  /** The recovery notice as a PDF, from what the notice fixed when it was issued. */
  async noticePdf(
    principal: Principal,
    claimId: string,
    locale: Locale,
  ): Promise<{ fileName: string; content: Buffer }> {
    const [claim] = (await this.dataSource.query(
      `SELECT ${CLAIM_COLUMNS} FROM repayment_claim WHERE id = $1`,
      [claimId],
    )) as ClaimRow[];
    if (!claim) throw new NotFoundError();
    const scope = ApplicationScope.of(principal);
    // Outside the scope the claim answers as an unknown one, not with its application's code.
    const scoped = await scope.application(this.dataSource, claim.application_id).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError() : error;
    });
    if (
      !scope.isStaffOf(scoped.districtId, 'finance', 'coordinator', 'admin') &&
      !scope.isCarrierOf(scoped.organisationId)
    )
      throw new ForbiddenError();
    if (
      !claim.notice_reference ||
      !claim.notice_interest ||
      !claim.notice_due_by ||
      !claim.notice_issued_on
    ) {
      throw new ConflictError(APPLICATIONS_ERROR_CODES.recoveryNoticeMissing);
    }
    const record = await loadApplicationRecord(this.dataSource, claim.application_id);
    const [office] = (await this.dataSource.query(
      `SELECT d.name, d.office_name, d.office_unit, d.office_street, d.office_postal_code, d.office_city,
              d.office_email, d.signatory_name, d.signatory_role, o.name AS org_name, o.street AS org_street,
              o.postal_code AS org_postal_code, o.city AS org_city, g.reference AS notice
       FROM district d, organisation o, grant_notice g WHERE d.id = $1 AND o.id = $2 AND g.application_id = $3`,
      [record.districtId, record.organisationId, record.id],
    )) as Record<string, string | null>[];
    const o = office!;
    const report = claim.reason === 'unspent' ? await latestFinalReport(this.dataSource, record.id) : null;
    const settlement = report?.settlement;
    const payments = claim.notice_interest.map((p) => ({
      paidOn: p.paidOn,
      principal: Money.fromCents(p.principalCents),
      interest: Money.fromCents(p.totalCents),
      interestLines: p.lines.map((l): RepaymentInterestLine => ({
        from: l.from,
        to: l.to,
        days: l.days,
        baseRateBasisPoints: l.baseRateBasisPoints,
        rateBasisPoints: l.rateBasisPoints,
        interest: Money.fromCents(l.interestCents),
      })),
    }));
    const principalAmount = Money.fromCents(claim.amount_cents);
    const charged = Money.sum(payments.map((p) => p.interest));
    // As the notice booked it (issueNotice): less the late-use interest paid on the same money.
    const lateUseCredits = creditLateUseInterest(
      claim.late_use_credits,
      claim.notice_interest.map((p) => ({ callOffId: p.callOffId, interest: Money.fromCents(p.totalCents) })),
      charged,
    ).filter((c) => c.total.isPositive());
    const interest = charged.subtract(Money.sum(lateUseCredits.map((c) => c.total)));
    const content = await renderRecoveryNotice({
      locale,
      issuer: {
        district: `Bezirksamt ${o.name} von Berlin`,
        office: o.office_name ?? '',
        unit: o.office_unit ?? undefined,
        address: {
          street: o.office_street ?? '',
          postalCode: o.office_postal_code ?? '',
          city: o.office_city ?? '',
        },
        contact: { name: principal.displayName, email: o.office_email ?? undefined },
      },
      recipient: {
        name: o.org_name ?? '',
        address: { street: o.org_street ?? '', postalCode: o.org_postal_code ?? '', city: o.org_city ?? '' },
      },
      fileReference: claim.notice_reference,
      issuedOn: claim.notice_issued_on,
      project: { title: record.title, reference: record.reference },
      grantNoticeReference: o.notice ?? `${record.reference}-ZB`,
      reason: claim.reason,
      settlement: settlement
        ? {
            financingType: settlement.financingType,
            lines: settlement.lines.map((l) => ({
              cashYear: l.cashYear,
              category: l.category,
              planned: Money.fromCents(l.plannedCents),
              actual: Money.fromCents(l.actualCents),
              excludedVat: Money.fromCents(l.excludedVatCents ?? '0'),
              eligible: Money.fromCents(l.eligibleCents),
              rule: l.rule,
            })),
            steps: settlement.steps.map((s) => ({
              key: s.key,
              amount: Money.fromCents(s.amountCents),
              basisPoints: s.basisPoints,
            })),
          }
        : undefined,
      payments,
      lateUseCredits: lateUseCredits.map((c) => ({
        reference: c.reference,
        paidOn: c.paidOn,
        usedOn: c.usedOn,
        principal: c.principal,
        interestLines: c.lines,
        paid: c.paid,
        claimed: c.claimed,
        share: c.share,
        credited: c.total,
      })),
      interestUntil: claim.notice_due_by,
      principal: principalAmount,
      interest,
      total: principalAmount.add(interest),
      dueBy: claim.notice_due_by,
      signatory: {
        name: o.signatory_name ?? principal.displayName,
        role: o.signatory_role ?? o.office_name ?? '',
      },
    });
    return { fileName: `Rueckforderungsbescheid-${claim.notice_reference}.pdf`, content };
  }

  /**
   * The claim locked for finance, its application locked before it: the order every command on an
   * application takes its rows in (lifecycle steps lock the application, then its call-offs and
   * claims), so commands on one application run one after the other instead of deadlocking or
   * interleaving. The application is looked up unlocked first since a claim never moves to
   * another application.
   */
  private async lockForFinance(tx: EntityManager, principal: Principal, claimId: string) {
    const scope = ApplicationScope.of(principal);
    const [owner] = (await tx.query(`SELECT application_id FROM repayment_claim WHERE id = $1`, [
      claimId,
    ])) as { application_id: string }[];
    if (!owner) throw new NotFoundError();
    // Outside the scope the claim answers as an unknown one, not with its application's code.
    const scoped = await scope
      .application(tx, owner.application_id, { lock: true })
      .catch((error: unknown) => {
        throw error instanceof NotFoundError ? new NotFoundError() : error;
      });
    const [claim] = (await tx.query(`SELECT ${CLAIM_COLUMNS} FROM repayment_claim WHERE id = $1 FOR UPDATE`, [
      claimId,
    ])) as ClaimRow[];
    if (!claim) throw new NotFoundError();
    if (!scope.isStaffOf(scoped.districtId, 'finance')) throw new ForbiddenError();
    return { claim, districtId: scoped.districtId };
  }
}
