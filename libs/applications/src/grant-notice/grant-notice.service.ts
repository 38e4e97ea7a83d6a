import { Injectable } from '@nestjs/common';
import {
  calendarDayOf,
  ConflictError,
  DEFAULT_FINANCING_TYPE,
  FINANCING_TYPE_TEXTS,
  type FinancingType,
  ForbiddenError,
  instalmentsOf,
  type Locale,
  Money,
  planTotals,
  promptUseMonths,
} from '@kiezfonds/domain';
import { type GrantDecision, type GrantNoticeInput, renderGrantNotice } from '@kiezfonds/documents';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { loadApplicationRecord } from '../applications/application-record';
import { type NoticeDecision, noticeDecision, type NoticeRecipient } from './notice-record';
import { ApplicationScope } from '../scope/application-scope';

interface IssuedRow {
  reference: string;
  amount_cents: string;
  period_start: string;
  period_end: string;
  instalments: { cashYear: number; amountCents: string }[];
  report_deadlines: { kind: 'interim' | 'final'; due: string }[];
  conditions: string;
  issued_on: string;
  issuer_name: string | null;
  financing_type: FinancingType;
  /** Null on notices issued before the decision was recorded and without an adopted decision then. */
  decision: NoticeDecision | null;
  /** Null only on notices laid without the lifecycle (every issued one has it). */
  recipient: NoticeRecipient | null;
}

/** The decision as the notice prints it. */
function citedDecision(decision: NoticeDecision | null): GrantDecision | undefined {
  if (!decision) return undefined;
  return {
    committee: decision.committee,
    procedure: decision.procedure,
    id: decision.voteId,
    decidedOn: decision.decidedOn,
    ...(decision.session ? { session: { title: decision.session.title, date: decision.session.date } } : {}),
    ...(decision.programmePlan ? { programmePlanFinalisedOn: decision.programmePlan.finalisedOn } : {}),
  };
}

/**
 * The notice's funding-type line for its financing type (AV Nr. 2.2 zu § 44 LHO; how it settles:
 * ANBest-P Nr. 2).
 */
function fundingTypeText(type: FinancingType, locale: Locale): string {
  const name = FINANCING_TYPE_TEXTS[type][locale];
  return locale === 'de'
    ? `Projektförderung als ${name}, nicht rückzahlbarer Zuschuss`
    : `Project funding as ${name.toLowerCase()}, non-repayable grant`;
}

interface OfficeRow {
  name: string;
  office_name: string;
  office_unit: string | null;
  office_street: string | null;
  office_postal_code: string | null;
  office_city: string;
  office_email: string | null;
  signatory_name: string | null;
  signatory_role: string | null;
  org_name: string;
  org_street: string;
  org_postal_code: string;
  org_city: string;
  legal_representatives: { name: string; role?: string }[];
}

/** States in which the coordinator may preview the notice before issuing it. */
const PREVIEW_STATES = ['selected'];

/** Six months after the funding period: the usual deadline for the proof of use (ANBest-P 6.1). */
function defaultProofOfUseDue(periodEnd: string): string {
  const [y, m, d] = periodEnd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + 6, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

/**
 * The grant notice (Zuwendungsbescheid) as a PDF: the issued notice as stored at approval, or,
 * for the coordinator before approval, a preview marked as a draft with what the plan says.
 */
@Injectable()
export class GrantNoticeService {
  constructor(private readonly dataSource: DataSource) {}

  async pdf(
    principal: Principal,
    applicationId: string,
    locale: Locale,
  ): Promise<{ fileName: string; content: Buffer }> {
    const scope = ApplicationScope.of(principal);
    const scoped = await scope.application(this.dataSource, applicationId);
    const record = await loadApplicationRecord(this.dataSource, scoped.id);
    const [issued] = (await this.dataSource.query(
      `SELECT g.reference, g.amount_cents::text AS amount_cents, g.period_start::text AS period_start,
              g.period_end::text AS period_end, g.instalments, g.report_deadlines, g.conditions,
              g.issued_on::text AS issued_on, g.financing_type, g.decision, g.recipient,
              u.display_name AS issuer_name
       FROM grant_notice g LEFT JOIN app_user u ON u.id = g.issued_by WHERE g.application_id = $1`,
      [record.id],
    )) as IssuedRow[];
    const staff = scope.isStaffOf(record.districtId, 'coordinator', 'finance', 'admin');
    if (!issued) {
      if (!scope.isStaffOf(record.districtId, 'coordinator')) throw new ForbiddenError();
      if (!PREVIEW_STATES.includes(record.state)) {
        throw new ConflictError('grant_notice_unavailable', [], { state: record.state });
      }
    } else if (!staff && !scope.isCarrierOf(record.organisationId)) {
      throw new ForbiddenError();
    }
    const [office] = (await this.dataSource.query(
      `SELECT d.name, d.office_name, d.office_unit, d.office_street, d.office_postal_code, d.office_city,
              d.office_email, d.signatory_name, d.signatory_role, o.name AS org_name, o.street AS org_street,
              o.postal_code AS org_postal_code, o.city AS org_city, o.legal_representatives
       FROM district d, organisation o WHERE d.id = $1 AND o.id = $2`,
      [record.districtId, record.organisationId],
    )) as OfficeRow[];
    const o = office!;
    // The issued notice as it was issued: its recipient and the decision it cites are its own
    // record. The preview shows what it would cite now.
    const decision = issued
      ? issued.decision
      : record.latestDecision?.outcome === 'adopted'
        ? await noticeDecision(this.dataSource, record.id, record.latestDecision.id)
        : null;
    const recipient: NoticeRecipient = issued?.recipient ?? {
      name: o.org_name,
      street: o.org_street,
      postalCode: o.org_postal_code,
      city: o.org_city,
      legalRepresentatives: o.legal_representatives,
    };
    const totals = planTotals(record.content);
    const amount = issued ? Money.fromCents(issued.amount_cents) : totals.requested;
    const planned = issued
      ? issued.instalments.map((i) => ({ cashYear: i.cashYear, amount: Money.fromCents(i.amountCents) }))
      : instalmentsOf(record.content).filter((i) => i.amount.isPositive());
    // Each cash year's prompt-use period as paying its money applies it (`CallOffService.pay`: the
    // notice's amount and that year's instalment), so the notice states what the payments do.
    const instalments = planned.map((i) => ({ ...i, promptUseMonths: promptUseMonths(amount, i.amount) }));
    const periodEnd = issued?.period_end ?? record.content.periodEnd ?? '';
    const deadlines = issued?.report_deadlines ?? [
      { kind: 'final' as const, due: defaultProofOfUseDue(periodEnd) },
    ];
    const input: GrantNoticeInput = {
      locale,
      draft: !issued,
      issuer: {
        district: `Bezirksamt ${o.name} von Berlin`,
        office: o.office_name,
        unit: o.office_unit ?? undefined,
        address: {
          street: o.office_street ?? '',
          postalCode: o.office_postal_code ?? '',
          city: o.office_city,
        },
        contact: { name: issued?.issuer_name ?? principal.displayName, email: o.office_email ?? undefined },
      },
      recipient: {
        name: recipient.name,
        address: { street: recipient.street, postalCode: recipient.postalCode, city: recipient.city },
        legalRepresentatives: recipient.legalRepresentatives,
      },
      fileReference: issued?.reference ?? `${record.reference}-ZB`,
      issuedOn: issued?.issued_on ?? calendarDayOf(new Date()),
      applicationDate: record.submittedAt ? calendarDayOf(record.submittedAt) : undefined,
      decision: citedDecision(decision),
      fund: 'Netzwerkfonds',
      fundingType: fundingTypeText(issued?.financing_type ?? DEFAULT_FINANCING_TYPE, locale),
      project: { title: record.title, reference: record.reference },
      amount,
      period: { start: issued?.period_start ?? record.content.periodStart ?? '', end: periodEnd },
      programmeYear: record.programmeYear,
      instalments,
      reports: {
        interim: deadlines
          .filter((d) => d.kind === 'interim')
          .map((d) => ({ covers: d.due.slice(0, 4), due: d.due })),
        proofOfUse: deadlines.find((d) => d.kind === 'final')?.due ?? defaultProofOfUseDue(periodEnd),
      },
      conditions: (issued?.conditions ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      signatory: { name: o.signatory_name ?? principal.displayName, role: o.signatory_role ?? o.office_name },
    };
    return {
      fileName: `${issued ? 'Zuwendungsbescheid' : 'Entwurf-Zuwendungsbescheid'}-${record.reference}.pdf`,
      content: await renderGrantNotice(input),
    };
  }
}
