import i18next, { type TFunction } from 'i18next';
import type { Problem, RequiredAttachment } from '../../api/applications';
import type { Language } from '../../i18n';
import { formatMoney } from '../../i18n/format';
import { contentPath } from './parts';
import { serverRuleText } from '../form/serverText';

type Labels = { attachments?: readonly RequiredAttachment[] };

const itemFields: Record<string, string> = {
  goal: 'goal',
  indicator: 'indicator',
  targetValue: 'targetValue',
  cashYear: 'cashYear',
  category: 'category',
  description: 'description',
  amountCents: 'amount',
  requestedCents: 'requested',
  ownCents: 'own',
  thirdPartyCents: 'thirdParty',
};

/** The field a problem names, as people call it: "Kostenplan, Zeile 2: Betrag". */
export function problemFieldLabel(
  problem: Pick<Problem, 'field'>,
  t: TFunction,
  labels: Labels = {},
): string {
  const [head = '', second, third] = contentPath(problem.field).split('.');
  const base = (key: string) =>
    t(`applicationForm.fieldNames.${key}` as 'applicationForm.fieldNames.summary');
  const known = (key: string) => t(`applicationForm.fieldNames.${key}`, { defaultValue: '' }) !== '';
  if (head === 'attachments' || head === 'requiredAttachments') {
    const label = labels.attachments?.find((a) => a.key === second)?.label;
    return label ? t('applicationForm.fieldNames.attachmentOf', { label }) : base('attachments');
  }
  if (head === 'declarations' && second && known(`declaration_${second}`))
    return base(`declaration_${second}`);
  if (
    (head === 'goals' || head === 'costPlan' || head === 'financingPlan') &&
    second &&
    /^\d+$/.test(second)
  ) {
    const row = t('applicationForm.fieldNames.row', { part: base(head), number: Number(second) + 1 });
    return third && itemFields[third] ? `${row}: ${base(itemFields[third])}` : row;
  }
  if (head === 'financingPlan' && second && /^\d{4}$/.test(second)) {
    return t('applicationForm.fieldNames.yearOf', { part: base(head), year: second });
  }
  return known(head) ? base(head) : t('applicationForm.fieldNames.other');
}

/**
 * A problem's parameters as the message shows them: amounts (`…Cents`, strings of cents as the
 * domain sends them) as money in the UI language, "49.000,00 €", never as a count of cents.
 */
function shownParams(params: Problem['params'], language: Language): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([key, value]) => [
      key,
      key.endsWith('Cents') && /^-?\d+$/.test(String(value))
        ? formatMoney(BigInt(String(value)), language)
        : value,
    ]),
  );
}

/** What is wrong: the server's message when it sent one, else the rule in words. */
export function problemMessage(problem: Problem, t: TFunction): string {
  if (problem.message) return serverRuleText(problem.rule, problem.message);
  const language: Language = i18next.language === 'en' ? 'en' : 'de';
  // Rule names come from the server, so the key is only known at run time.
  const ruleKey = `applicationForm.rules.${problem.rule}` as 'applicationForm.rules.fallback';
  const text = t(ruleKey, { defaultValue: '', ...shownParams(problem.params, language) });
  return typeof text === 'string' && text !== '' ? text : t('applicationForm.rules.fallback');
}

/** "Kostenplan, Zeile 2: Betrag – Bitte geben Sie einen Betrag an." */
export function problemText(problem: Problem, t: TFunction, labels: Labels = {}): string {
  return `${problemFieldLabel(problem, t, labels)}: ${problemMessage(problem, t)}`;
}
