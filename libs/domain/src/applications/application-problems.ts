import type { ErrorDetail } from '../errors/domain-error';
import type { Money } from '../money/money';
import type { ApplicationContent } from './application-content';
import { dayParts } from './calendar-day';
import { fieldPath } from './field-path';
import { CASH_YEARS_AFTER_PROGRAMME_YEAR } from './funding-chain';
import { planTotals } from './plan-totals';

/** What the call demands of an application's content. */
export interface ContentRules {
  programmeYear: number;
  minAmount: Money | null;
  maxAmount: Money | null;
  /** The call's action fields and areas: the application picks from these. */
  actionFieldIds: readonly string[];
  areaIds: readonly string[];
  requiredAttachmentKeys: readonly string[];
  /** The kinds of the attachments uploaded so far. */
  attachedKinds: readonly string[];
}

/**
 * Everything missing or inconsistent for submission (DOMAIN.md step 2, docs/api/applications.md
 * "Content"), in the order of the form, as `{ field, rule, params }`. Empty when the application
 * may be submitted. The same list is the carrier's checklist and the 422's details.
 */
export function applicationProblems(content: ApplicationContent, rules: ContentRules): ErrorDetail[] {
  return [
    ...required('summary', content.summary),
    ...goalProblems(content),
    ...(filled(content.targetGroups ?? []).length === 0
      ? [{ field: 'targetGroups', rule: 'arrayNotEmpty' }]
      : []),
    ...chosenFromCall('actionFieldIds', content.actionFieldIds ?? [], rules.actionFieldIds),
    ...chosenFromCall('areaIds', content.areaIds ?? [], rules.areaIds),
    ...periodProblems(content, rules.programmeYear),
    ...costPlanProblems(content, rules.programmeYear),
    ...financingPlanProblems(content, rules.programmeYear),
    ...sumProblems(content, rules),
    ...(planTotals(content).thirdParty.isPositive()
      ? required('thirdPartySources', content.thirdPartySources)
      : []),
    ...required('evaluationConcept', content.evaluationConcept),
    ...rules.requiredAttachmentKeys
      .filter((key) => !rules.attachedKinds.includes(key))
      .map((key) => ({ field: `attachments.${key}`, rule: 'attachment_missing', params: { key } })),
  ];
}

/**
 * What the formal check should look at without refusing the application: a Netzwerkfonds project
 * should reach several areas (DOMAIN.md, fund table), so naming one is worth a question.
 */
export function applicationWarnings(content: ApplicationContent): ErrorDetail[] {
  const areas = new Set(filled(content.areaIds ?? []));
  return areas.size === 1 ? [{ field: 'areaIds', rule: 'single_area' }] : [];
}

/**
 * The declarations of DOMAIN.md step 7, confirmed: the project has not started, subsidy-fraud
 * liability is acknowledged, and publication is consented to or its refusal given a reason.
 */
export function declarationsConfirmed(content: ApplicationContent): boolean {
  return declarationProblems(content).length === 0;
}

/** Which declaration is still missing, for the carrier's checklist before approval. */
export function declarationProblems(content: ApplicationContent): ErrorDetail[] {
  const d = content.declarations ?? {};
  return [
    ...(d.projectNotStarted === true ? [] : [{ field: 'declarations.projectNotStarted', rule: 'required' }]),
    ...(d.subsidyFraudAcknowledged === true
      ? []
      : [{ field: 'declarations.subsidyFraudAcknowledged', rule: 'required' }]),
    ...(d.transparencyConsent === true || !blank(d.transparencyRefusalReason)
      ? []
      : [{ field: 'declarations.transparencyRefusalReason', rule: 'required' }]),
  ];
}

function goalProblems(content: ApplicationContent): ErrorDetail[] {
  const goals = content.goals ?? [];
  if (goals.length === 0) return [{ field: 'goals', rule: 'arrayNotEmpty' }];
  return goals.flatMap((goal, i) => [
    ...required(fieldPath(['goals', i, 'goal']), goal.goal),
    ...required(fieldPath(['goals', i, 'indicator']), goal.indicator),
  ]);
}

function chosenFromCall(field: string, chosen: readonly string[], offered: readonly string[]): ErrorDetail[] {
  if (chosen.length === 0) return [{ field, rule: 'arrayNotEmpty' }];
  return chosen.flatMap((id, i) => [
    ...(offered.includes(id) ? [] : [{ field: fieldPath([field, i]), rule: 'not_in_call' }]),
    ...(chosen.indexOf(id) < i ? [{ field: fieldPath([field, i]), rule: 'duplicate' }] : []),
  ]);
}

function periodProblems(content: ApplicationContent, programmeYear: number): ErrorDetail[] {
  const problems: ErrorDetail[] = [
    ...required('periodStart', content.periodStart),
    ...required('periodEnd', content.periodEnd),
  ];
  const start = content.periodStart ?? '';
  const end = content.periodEnd ?? '';
  if (start && end && end < start) problems.push({ field: 'periodEnd', rule: 'notBeforeStart' });
  const startYear = dayParts(start)?.year;
  if (startYear !== undefined && startYear < programmeYear) {
    problems.push({ field: 'periodStart', rule: 'period_before_programme_year', params: { programmeYear } });
  }
  return problems;
}

function costPlanProblems(content: ApplicationContent, programmeYear: number): ErrorDetail[] {
  const lines = content.costPlan ?? [];
  if (lines.length === 0) return [{ field: 'costPlan', rule: 'arrayNotEmpty' }];
  return lines.flatMap((line, i) => [
    ...(line.cashYear === undefined
      ? [{ field: fieldPath(['costPlan', i, 'cashYear']), rule: 'required' }]
      : []),
    ...outsidePeriod(content, line.cashYear, ['costPlan', i, 'cashYear'], programmeYear),
    ...(line.category === undefined
      ? [{ field: fieldPath(['costPlan', i, 'category']), rule: 'required' }]
      : []),
    ...required(fieldPath(['costPlan', i, 'description']), line.description),
    ...(line.amountCents === undefined
      ? [{ field: fieldPath(['costPlan', i, 'amountCents']), rule: 'required' }]
      : []),
  ]);
}

function financingPlanProblems(content: ApplicationContent, programmeYear: number): ErrorDetail[] {
  const lines = content.financingPlan ?? [];
  if (lines.length === 0) return [{ field: 'financingPlan', rule: 'arrayNotEmpty' }];
  return lines.flatMap((line, i) => {
    const field = fieldPath(['financingPlan', i, 'cashYear']);
    if (line.cashYear === undefined) return [{ field, rule: 'required' }];
    const duplicate = lines.findIndex((other) => other.cashYear === line.cashYear) < i;
    return [
      ...(duplicate ? [{ field, rule: 'duplicate' }] : []),
      ...outsidePeriod(content, line.cashYear, ['financingPlan', i, 'cashYear'], programmeYear),
    ];
  });
}

/** Per cash year costs = requested + own + third-party; the requested total within the call's limits. */
function sumProblems(content: ApplicationContent, rules: ContentRules): ErrorDetail[] {
  const totals = planTotals(content);
  const lines = content.financingPlan ?? [];
  const problems: ErrorDetail[] = totals.byYear
    .filter((year) => !year.costs.equals(year.financing))
    .map((year) => {
      const index = lines.findIndex((line) => line.cashYear === year.cashYear);
      return {
        field: index < 0 ? 'financingPlan' : fieldPath(['financingPlan', index]),
        rule: 'sums_mismatch',
        params: {
          cashYear: year.cashYear,
          costsCents: year.costs.toString(),
          financingCents: year.financing.toString(),
        },
      };
    });
  const requested = totals.requested;
  const requestedCents = requested.toString();
  // Without any financing line, `arrayNotEmpty` already says what is missing.
  if (lines.length === 0) return problems;
  if (requested.isZero()) {
    problems.push({ field: 'financingPlan', rule: 'nothing_requested' });
  } else if (rules.minAmount && requested.isLessThan(rules.minAmount)) {
    problems.push({
      field: 'financingPlan',
      rule: 'amount_below_minimum',
      params: { minCents: rules.minAmount.toString(), requestedCents },
    });
  } else if (rules.maxAmount && requested.isGreaterThan(rules.maxAmount)) {
    problems.push({
      field: 'financingPlan',
      rule: 'amount_above_maximum',
      params: { maxCents: rules.maxAmount.toString(), requestedCents },
    });
  }
  return problems;
}

/** A cash year the period does not reach (no money can flow in a year the project does not run). */
function outsidePeriod(
  content: ApplicationContent,
  cashYear: number | undefined,
  path: PropertyKey[],
  programmeYear?: number,
): ErrorDetail[] {
  if (
    cashYear !== undefined &&
    programmeYear !== undefined &&
    (cashYear < programmeYear || cashYear > programmeYear + CASH_YEARS_AFTER_PROGRAMME_YEAR)
  ) {
    return [
      {
        field: fieldPath(path),
        rule: 'cash_year_outside_programme',
        params: { cashYear, first: programmeYear, last: programmeYear + CASH_YEARS_AFTER_PROGRAMME_YEAR },
      },
    ];
  }
  const start = dayParts(content.periodStart ?? '');
  const end = dayParts(content.periodEnd ?? '');
  if (cashYear === undefined || !start || !end) return [];
  if (cashYear >= start.year && cashYear <= end.year) return [];
  return [{ field: fieldPath(path), rule: 'cash_year_outside_period', params: { cashYear } }];
}

function required(field: string, value: string | undefined): ErrorDetail[] {
  return blank(value) ? [{ field, rule: 'required' }] : [];
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

function filled(values: readonly string[]): string[] {
  return values.filter((value) => !blank(value));
}
