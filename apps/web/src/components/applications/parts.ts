import type { ApplicationContent, Problem } from '../../api/applications';

/*
 * The application form as a task list (GOV.UK/KERN task-list pattern): eight parts, each with
 * its own page. Which part a problem belongs to is decided by the first segment of its field
 * path, so a new rule on the server lands in the right part without a change here.
 */

export const partKeys = [
  'project',
  'scope',
  'period',
  'costPlan',
  'financingPlan',
  'evaluation',
  'declarations',
  'attachments',
] as const;
export type PartKey = (typeof partKeys)[number];

/** The German address segment of each part (`/antraege/:id/<slug>`). */
export const partSlugs: Record<PartKey, string> = {
  project: 'projektbeschreibung',
  scope: 'handlungsfelder-und-gebiete',
  period: 'zeitraum',
  costPlan: 'kostenplan',
  financingPlan: 'finanzierungsplan',
  evaluation: 'evaluation',
  declarations: 'erklaerungen',
  attachments: 'anlagen',
};

export function partOfSlug(slug: string | undefined): PartKey | null {
  return partKeys.find((key) => partSlugs[key] === slug) ?? null;
}

/** The content fields (first path segment) each part is responsible for. */
const fieldsOfPart: Record<PartKey, readonly string[]> = {
  project: ['title', 'summary', 'goals', 'targetGroups'],
  scope: ['actionFieldIds', 'areaIds'],
  period: ['periodStart', 'periodEnd', 'period', 'predecessorId'],
  costPlan: ['costPlan', 'costs'],
  financingPlan: ['financingPlan', 'thirdPartySources', 'requested', 'requestedCents', 'plan', 'sums'],
  evaluation: ['evaluationConcept'],
  declarations: ['declarations'],
  attachments: ['attachments', 'requiredAttachments'],
};

/** The problem's field without the request body's `content.` prefix (400 details carry it, `problems` do not). */
export function contentPath(field: string): string {
  const path = field.startsWith('content.') ? field.slice('content.'.length) : field;
  // The checklist names rows like `costPlan[2].amountCents`, 400 details like `costPlan.2.amountCents`.
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** Which part a problem belongs to; `null` for problems of no part (shown on the check page). */
export function partOfProblem(problem: Pick<Problem, 'field'>): PartKey | null {
  const head = contentPath(problem.field).split('.')[0] ?? '';
  return partKeys.find((key) => fieldsOfPart[key].includes(head)) ?? null;
}

export function problemsOfPart(problems: readonly Problem[], part: PartKey): Problem[] {
  return problems.filter((problem) => partOfProblem(problem) === part);
}

export type PartStatus = 'complete' | 'incomplete' | 'notStarted' | 'dueAfterSelection';

/**
 * The declarations of DOMAIN.md step 7 as the server's `declarationsConfirmed` reads them: not
 * started, § 264 StGB acknowledged, publication consented to or a reason given.
 */
export function declarationsGiven(content: ApplicationContent): boolean {
  const d = content.declarations ?? {};
  return (
    d.projectNotStarted === true &&
    d.subsidyFraudAcknowledged === true &&
    (d.transparencyConsent === true || (d.transparencyRefusalReason ?? '').trim() !== '')
  );
}

/** States in which the declarations are due: the full application after selection. */
export const declarationsDueStates: readonly string[] = ['selected'];

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(filled);
  return value !== false;
}

/**
 * A part is complete when the server names no problem in it, not started while it has neither
 * content nor attachments, and incomplete otherwise.
 */
export function partStatus(
  part: PartKey,
  problems: readonly Problem[],
  content: ApplicationContent,
  hasAttachments = false,
  state = 'draft',
): PartStatus {
  // Submission does not ask for the declarations, so the server lists no problem there before
  // selection; they are complete only once given, and due only after selection.
  if (part === 'declarations' && !declarationsGiven(content)) {
    if (!declarationsDueStates.includes(state)) return 'dueAfterSelection';
    return filled(content.declarations) ? 'incomplete' : 'notStarted';
  }
  if (problemsOfPart(problems, part).length === 0) return 'complete';
  const started =
    part === 'attachments'
      ? hasAttachments
      : fieldsOfPart[part].some((field) => filled((content as Record<string, unknown>)[field]));
  return started ? 'incomplete' : 'notStarted';
}

const digits = /^\d+$/;

/** Whether a cost line has an amount the server takes (a whole number of cents). */
export function hasValidAmount(line: { amountCents?: string | null }): boolean {
  return typeof line.amountCents === 'string' && digits.test(line.amountCents);
}

/**
 * The content as autosave sends it: amounts that are not (yet) a whole number of cents are left
 * out rather than refused, so a half-typed amount never blocks saving the rest of the form. A
 * cost line is only sent once its amount is valid: the server stores no line without one, and the
 * part page keeps the carrier there until the line has an amount or is removed.
 */
export function contentForSaving(content: ApplicationContent): ApplicationContent {
  const amount = (value: string | undefined) =>
    value !== undefined && digits.test(value) ? value : undefined;
  return {
    ...content,
    costPlan: content.costPlan?.filter(hasValidAmount),
    financingPlan: content.financingPlan?.map((line) => ({
      ...line,
      requestedCents: amount(line.requestedCents)!,
      ownCents: amount(line.ownCents)!,
      thirdPartyCents: amount(line.thirdPartyCents)!,
    })),
  };
}

/**
 * The cost lines autosave holds back (no valid amount yet), as problems of their amount field, so
 * the part page names them and does not let the carrier leave believing they are stored.
 */
export function unsavedCostLines(content: ApplicationContent): Problem[] {
  return (content.costPlan ?? []).flatMap((line, index) =>
    hasValidAmount(line)
      ? []
      : [{ field: `costPlan.${index}.amountCents`, rule: line.amountCents ? 'cents' : 'cost_line_unsaved' }],
  );
}

/**
 * The server's problems name cost lines by their index in what autosave sent, which leaves out
 * lines without a valid amount; this names them by their index in the form again.
 */
export function problemsForForm(problems: readonly Problem[], content: ApplicationContent): Problem[] {
  const formIndex: number[] = [];
  (content.costPlan ?? []).forEach((line, index) => {
    if (hasValidAmount(line)) formIndex.push(index);
  });
  return problems.map((problem) => {
    const match = /^(content\.)?costPlan(\.|\[)(\d+)(.*)$/.exec(problem.field);
    if (!match) return problem;
    const local = formIndex[Number(match[3])];
    if (local === undefined) return problem;
    const rest = match[2] === '[' ? match[4]!.replace(/^\]/, '') : match[4]!;
    return { ...problem, field: `${match[1] ?? ''}costPlan.${local}${rest}` };
  });
}
