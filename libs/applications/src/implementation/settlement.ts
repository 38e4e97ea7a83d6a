import {
  type ApplicationContent,
  type ApprovedPlanChange,
  type CostBasis,
  type CostCategory,
  DEFAULT_FINANCING_TYPE,
  FINANCING_TYPE_TEXTS,
  type FinancingType,
  isFinancingType,
  LINE_RULE_TEXTS,
  type LineRule,
  type Locale,
  Money,
  type ProofOfUse,
  proofOfUse,
  SETTLEMENT_STEP_TEXTS,
  type SettlementStep,
} from '@kiezfonds/domain';
import type { Db } from '../scope/application-scope';
import { ledgerPosition } from './ledger-position';

/** The settlement as stored on the final report at completion and as the API answers it. */
export interface StoredSettlement {
  financingType: FinancingType;
  /** Absent on settlements stored before costs could count net: they counted gross. */
  costBasis?: CostBasis;
  lines: {
    cashYear: number;
    category: CostCategory;
    plannedCents: string;
    actualCents: string;
    /** The VAT in the actual spending that does not count (net costs); absent on older settlements. */
    excludedVatCents?: string;
    eligibleCents: string;
    deviationPercent: number | null;
    overrun: boolean;
    source: 'plan' | 'approved_change' | 'none';
    rule: LineRule;
  }[];
  steps: { key: SettlementStep['key']; amountCents: string; basisPoints?: number }[];
  plannedCents: string;
  actualCents: string;
  eligibleCents: string;
  otherFundingCents: string;
  grantCents: string;
  finalGrantCents: string;
  paidCents: string;
  toRepayCents: string;
}

export function storedSettlement(result: ProofOfUse): StoredSettlement {
  return {
    financingType: result.financingType,
    costBasis: result.costBasis,
    lines: result.lines.map((l) => ({
      cashYear: l.cashYear,
      category: l.category,
      plannedCents: l.planned.toString(),
      actualCents: l.actual.toString(),
      excludedVatCents: l.excludedVat.toString(),
      eligibleCents: l.eligible.toString(),
      deviationPercent: l.deviationPercent,
      overrun: l.overrun,
      source: l.source,
      rule: l.rule,
    })),
    steps: result.steps.map((s) => ({
      key: s.key,
      amountCents: s.amount.toString(),
      ...(s.basisPoints === undefined ? {} : { basisPoints: s.basisPoints }),
    })),
    plannedCents: result.plannedTotal.toString(),
    actualCents: result.actualTotal.toString(),
    eligibleCents: result.eligibleSpend.toString(),
    otherFundingCents: result.otherFunding.toString(),
    grantCents: result.grant.toString(),
    finalGrantCents: result.finalGrant.toString(),
    paidCents: result.paid.toString(),
    toRepayCents: result.unspent.toString(),
  };
}

/** The stored settlement with the texts of the rules and steps in the reader's language. */
export function settlementView(settlement: StoredSettlement, locale: Locale) {
  return {
    ...settlement,
    costBasis: settlement.costBasis ?? 'gross',
    financingTypeText: FINANCING_TYPE_TEXTS[settlement.financingType][locale],
    lines: settlement.lines.map((l) => ({ ...l, ruleText: LINE_RULE_TEXTS[l.rule][locale] })),
    steps: settlement.steps.map((s) => ({ ...s, label: SETTLEMENT_STEP_TEXTS[s.key][locale] })),
  };
}

export interface NoticeTerms {
  grant: Money;
  financingType: FinancingType;
  costBasis: CostBasis;
  approvedChanges: ApprovedPlanChange[];
}

/** What the grant notice fixes for the settlement; null before a notice was issued. */
export async function noticeTerms(db: Db, applicationId: string): Promise<NoticeTerms | null> {
  const [notice] = (await db.query(
    `SELECT amount_cents::text AS amount_cents, financing_type, cost_basis, approved_plan_changes
     FROM grant_notice WHERE application_id = $1`,
    [applicationId],
  )) as {
    amount_cents: string;
    financing_type: string;
    cost_basis: CostBasis;
    approved_plan_changes: { cashYear: number; category: CostCategory; amountCents: string }[];
  }[];
  if (!notice) return null;
  return {
    grant: Money.fromCents(notice.amount_cents),
    financingType: isFinancingType(notice.financing_type) ? notice.financing_type : DEFAULT_FINANCING_TYPE,
    costBasis: notice.cost_basis,
    approvedChanges: notice.approved_plan_changes.map((c) => ({
      cashYear: c.cashYear,
      category: c.category,
      amount: Money.fromCents(c.amountCents),
    })),
  };
}

export interface FinalReportRow {
  id: string;
  actuals: { cashYear: number; category: CostCategory; amountCents: string; vatCents?: string }[];
  other_funding_cents: string | null;
  settlement: StoredSettlement | null;
}

export async function latestFinalReport(db: Db, applicationId: string): Promise<FinalReportRow | null> {
  const [report] = (await db.query(
    `SELECT id, actuals, other_funding_cents::text AS other_funding_cents, settlement FROM application_report
     WHERE application_id = $1 AND kind = 'final' ORDER BY submitted_at DESC, id DESC LIMIT 1`,
    [applicationId],
  )) as FinalReportRow[];
  return report ?? null;
}

/**
 * The settlement of the latest proof of use, computed by the domain's `proofOfUse` from the
 * notice's terms, the approved plan, the reported spending and what the ledger says was paid.
 */
export async function computeSettlement(
  db: Db,
  applicationId: string,
  content: ApplicationContent,
  report: FinalReportRow,
): Promise<ProofOfUse> {
  const terms = await noticeTerms(db, applicationId);
  const paid = Money.sum((await ledgerPosition(db, applicationId)).map((y) => y.paid));
  return proofOfUse({
    content,
    actuals: report.actuals.map((a) => ({
      cashYear: a.cashYear,
      category: a.category,
      amount: Money.fromCents(a.amountCents),
      ...(a.vatCents === undefined ? {} : { vat: Money.fromCents(a.vatCents) }),
    })),
    paid,
    grant: terms?.grant,
    financingType: terms?.financingType,
    otherFunding:
      report.other_funding_cents === null ? undefined : Money.fromCents(report.other_funding_cents),
    approvedChanges: terms?.approvedChanges,
    costBasis: terms?.costBasis,
  });
}
