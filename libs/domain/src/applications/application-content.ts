import { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../errors/domain-error';
import { isCalendarDay } from './calendar-day';
import { fieldPath } from './field-path';

/** Cost plan categories (DOMAIN.md step 2). */
export const COST_CATEGORIES = ['personnel', 'material', 'fees', 'investments', 'overheads'] as const;

export type CostCategory = (typeof COST_CATEGORIES)[number];

export const COST_CATEGORY_LABELS: Record<CostCategory, { de: string; en: string }> = {
  personnel: { de: 'Personalkosten', en: 'Personnel' },
  material: { de: 'Sachkosten', en: 'Material' },
  fees: { de: 'Honorare', en: 'Fees' },
  investments: { de: 'Investitionen', en: 'Investments' },
  overheads: { de: 'Verwaltungskosten', en: 'Overheads' },
};

/** Years a cash year or programme year may name; anything else is a typing mistake. */
export const MIN_CASH_YEAR = 2000;
export const MAX_CASH_YEAR = 2100;

/** A form field the carrier cleared arrives as `""` or `null`: for a draft that means "not given". */
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

const text = (max: number) => z.string().max(max).optional();
const cents = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{1,15}$/, { error: 'cents' })
    .optional(),
);
/**
 * The amount of a cost line: a line is only stored with a valid amount, because a row without
 * one cannot be shown, summed or repaired reliably (issue 19). A missing amount is `required`.
 */
const requiredCents = z.preprocess(
  blankToUndefined,
  z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : undefined) })
    .regex(/^\d{1,15}$/, { error: 'cents' }),
);
const calendarDay = z.preprocess(
  blankToUndefined,
  z.string().refine(isCalendarDay, { error: 'isDateString' }).optional(),
);
const cashYear = z.preprocess(blankToUndefined, z.int().min(MIN_CASH_YEAR).max(MAX_CASH_YEAR).optional());
const ids = (max: number) =>
  z
    .array(z.guid({ error: 'isUuid' }))
    .max(max)
    .optional();

const goalSchema = z.strictObject({
  goal: text(500),
  indicator: text(500),
  targetValue: text(200),
});

const costLineSchema = z.strictObject({
  cashYear,
  category: z.preprocess(blankToUndefined, z.enum(COST_CATEGORIES).optional()),
  description: text(500),
  amountCents: requiredCents,
});

const financingLineSchema = z.strictObject({
  cashYear,
  requestedCents: cents,
  ownCents: cents,
  thirdPartyCents: cents,
});

const declarationsSchema = z.strictObject({
  /** The project has not started (no project may start before the grant notice). */
  projectNotStarted: z.boolean().optional(),
  /** Liability for subsidy fraud under § 264 StGB acknowledged. */
  subsidyFraudAcknowledged: z.boolean().optional(),
  /** Consent to publication in Berlin's transparency database … */
  transparencyConsent: z.boolean().optional(),
  /** … or the reason for refusing it. */
  transparencyRefusalReason: text(2000),
});

/**
 * The content of an application as a draft may hold it: the shape and types are checked and
 * lengths bounded, but anything may still be missing or not add up (that is
 * `applicationProblems`' job, at submission). Amounts are strings of cents, days `YYYY-MM-DD`.
 */
export const draftContentSchema = z.strictObject({
  summary: text(5000),
  goals: z.array(goalSchema).max(20).optional(),
  targetGroups: z.array(z.string().max(200)).max(20).optional(),
  actionFieldIds: ids(20),
  areaIds: ids(50),
  periodStart: calendarDay,
  periodEnd: calendarDay,
  costPlan: z.array(costLineSchema).max(200).optional(),
  financingPlan: z.array(financingLineSchema).max(20).optional(),
  thirdPartySources: text(2000),
  evaluationConcept: text(10_000),
  declarations: declarationsSchema.optional(),
  /**
   * The earlier project of the same organisation this one continues (the 5-year limit counts
   * their years together); absent for a new project.
   */
  predecessorId: z.preprocess(blankToUndefined, z.guid({ error: 'isUuid' }).optional()),
});

/**
 * A stored cost line. New lines always carry an amount (the schema requires it), but content
 * saved before issue 19 may hold lines without one, so readers still treat it as optional.
 */
export type CostLine = Omit<z.infer<typeof costLineSchema>, 'amountCents'> & { amountCents?: string };
export type ApplicationContent = Omit<z.infer<typeof draftContentSchema>, 'costPlan'> & {
  costPlan?: CostLine[];
};
export type ApplicationGoal = z.infer<typeof goalSchema>;
export type FinancingLine = z.infer<typeof financingLineSchema>;
export type Declarations = z.infer<typeof declarationsSchema>;

/**
 * Checks a draft's content and answers it cleaned (blank fields dropped), or throws a
 * `ValidationError` whose details name fields like `content.costPlan[2].amountCents`.
 */
export function parseDraftContent(input: unknown, fieldPrefix = 'content'): ApplicationContent {
  const parsed = draftContentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(contentIssueDetails(parsed.error.issues, fieldPrefix));
  return JSON.parse(JSON.stringify(parsed.data)) as ApplicationContent;
}

type Issue = z.core.$ZodIssue;

/** Zod's issues as the API's validation details (rules with messages in errors/messages.ts). */
export function contentIssueDetails(issues: readonly Issue[], fieldPrefix = 'content'): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] => {
    const path = fieldPrefix ? [fieldPrefix, ...issue.path] : [...issue.path];
    const field = fieldPath(path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ field: fieldPath([...path, key]), rule: 'unknown_field' }));
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'string') return [{ field, rule: 'maxLength', params: { max } }];
        if (issue.origin === 'array') return [{ field, rule: 'arrayMaxSize', params: { max } }];
        return [{ field, rule: 'max', params: { max } }];
      }
      case 'too_small':
        return [{ field, rule: 'min', params: { min: Number(issue.minimum) } }];
      case 'invalid_value':
        return [{ field, rule: 'isIn' }];
      case 'invalid_type':
        return [{ field, rule: issue.message === 'required' ? 'required' : 'type' }];
      case 'invalid_format':
      case 'custom':
        return [{ field, rule: OWN_RULES.has(issue.message) ? issue.message : 'type' }];
      default:
        return [{ field, rule: 'type' }];
    }
  });
}

const OWN_RULES = new Set(['cents', 'isDateString', 'isUuid']);
