export {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
  EVENT_LABELS,
  FINAL_STATES,
  isApplicationEventType,
  isApplicationState,
  isFinalState,
  type Label,
  LIFECYCLE_ROLES,
  type LifecycleRole,
  ROLE_LABELS,
  STATE_LABELS,
  TIMELINE_STATES,
} from './lifecycle-vocabulary';
export {
  ApplicationIncompleteError,
  LIFECYCLE_CHECKS,
  type LifecycleCheck,
  type LifecycleFacts,
  type Permission,
} from './lifecycle-facts';
export {
  allowedEvents,
  applicationLifecycle,
  decideTransition,
  LIFECYCLE_EFFECTS,
  type LifecycleDecision,
  type LifecycleEffect,
  lifecycleSnapshot,
  type LifecycleTransition,
  lifecycleTransitions,
} from './lifecycle-machine';
export { type LifecyclePath, lifecyclePaths } from './lifecycle-paths';
export { LIFECYCLE_DOCUMENT_PATH, lifecycleDocument } from './lifecycle-document';
export {
  type ApplicationContent,
  type ApplicationGoal,
  contentIssueDetails,
  COST_CATEGORIES,
  COST_CATEGORY_LABELS,
  type CostCategory,
  type CostLine,
  type Declarations,
  draftContentSchema,
  type FinancingLine,
  MAX_CASH_YEAR,
  MIN_CASH_YEAR,
  parseDraftContent,
} from './application-content';
export {
  applicationProblems,
  applicationWarnings,
  type ContentRules,
  declarationProblems,
  declarationsConfirmed,
} from './application-problems';
export {
  type CashYearSums,
  type Instalment,
  instalmentsOf,
  type PlanSums,
  type PlanTotals,
  planTotals,
} from './plan-totals';
export { callAmountProblems, callMinimum, NETZWERKFONDS_MIN_AMOUNT } from './call-amounts';
export {
  dayOfUseProblem,
  isLateUse,
  type PromptUseInput,
  promptUseDeadline,
  promptUseMonths,
  SMALL_GRANT_LIMIT,
  type UseDayRule,
} from './prompt-use';
export {
  type ActualCost,
  type ApprovedPlanChange,
  compareWithPlan,
  COST_BASES,
  type CostBasis,
  costBasisOf,
  DEFAULT_FINANCING_TYPE,
  FINANCING_TYPES,
  type FinancingType,
  isFinancingType,
  LINE_OVERRUN_TOLERANCE_PERCENT,
  LINE_RULES,
  type LineRule,
  lineOverruns,
  type PlanComparisonLine,
  type ProofOfUse,
  type ProofOfUseInput,
  proofOfUse,
  type SettlementStep,
} from './proof-of-use';
export { type ContentChange, diffContent } from './content-diff';
export { addMonths, isCalendarDay } from './calendar-day';
export {
  APPLICATION_REFERENCE_PATTERN,
  type ApplicationReferenceParts,
  parseApplicationReference,
} from './application-reference';
export { FINANCING_TYPE_TEXTS, LINE_RULE_TEXTS, SETTLEMENT_STEP_TEXTS } from './settlement-texts';
export {
  CASH_YEARS_AFTER_PROGRAMME_YEAR,
  CONSECUTIVE_YEARS_LIMIT,
  type FundedPeriod,
  type FundingChain,
  fundingChain,
} from './funding-chain';
export { type PredecessorCandidate, predecessorProblem } from './predecessor-rule';
export {
  type CallOffRefusal,
  callOffRefusal,
  earlyStartRequired,
  instalmentYearProblems,
} from './call-off-rules';
export {
  amountCellCents,
  csvPlanSheets,
  isHeaderRow,
  parseCsv,
  PLAN_COLUMNS,
  PLAN_SHEET_NAMES,
  type PlanColumn,
  type PlanImport,
  type PlanName,
  type PlanSheets,
  readPlanSheets,
  type SheetCell,
  type SheetRow,
  sheetField,
} from './plan-sheet';
export {
  type AmountComparison,
  centsOf,
  compareAmountsWithPlan,
  type CostLineAmount,
  costsByCategory,
  type FinancingLineAmounts,
  perMilleText,
  type PlanBalance,
  planBalance,
  sumCents,
  type YearBalance,
} from './plan-balance';
