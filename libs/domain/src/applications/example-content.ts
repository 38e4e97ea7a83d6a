import { Money } from '../money/money';
import type { ApplicationContent } from './application-content';
import type { ContentRules } from './application-problems';
import { NETZWERKFONDS_MIN_AMOUNT } from './call-amounts';

export const ACTION_FIELD = '0b7c3a52-5a7f-4d4e-9a55-1d2f0c6f1a01';
export const OTHER_ACTION_FIELD = '0b7c3a52-5a7f-4d4e-9a55-1d2f0c6f1a02';
export const AREA = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';

/**
 * A complete, consistent application (programme year 2027, two cash years) requesting exactly
 * the Netzwerkfonds minimum of 50 000 €: a known-good starting point that specs change one thing
 * at a time.
 */
export function exampleContent(): ApplicationContent {
  return {
    summary: 'Kochabende für Nachbarinnen und Nachbarn in drei Quartieren',
    goals: [{ goal: 'Begegnung fördern', indicator: 'Teilnehmende je Abend', targetValue: '25' }],
    targetGroups: ['Familien', 'Seniorinnen und Senioren'],
    actionFieldIds: [ACTION_FIELD],
    areaIds: [AREA],
    periodStart: '2027-03-01',
    periodEnd: '2028-12-31',
    costPlan: [
      {
        cashYear: 2027,
        category: 'personnel',
        description: 'Projektleitung (0,5 Stellen)',
        amountCents: '1000000',
      },
      {
        cashYear: 2027,
        category: 'material',
        description: 'Lebensmittel und Geschirr',
        amountCents: '200000',
      },
      {
        cashYear: 2028,
        category: 'personnel',
        description: 'Projektleitung (0,5 Stellen)',
        amountCents: '4060000',
      },
    ],
    financingPlan: [
      { cashYear: 2027, requestedCents: '1000000', ownCents: '100000', thirdPartyCents: '100000' },
      { cashYear: 2028, requestedCents: '4000000', ownCents: '60000', thirdPartyCents: '0' },
    ],
    thirdPartySources: 'Spende der Nachbarschaftsstiftung',
    evaluationConcept: 'Befragung der Teilnehmenden nach jedem dritten Abend',
    declarations: { projectNotStarted: true, subsidyFraudAcknowledged: true, transparencyConsent: true },
  };
}

/** The call the example content was written for. */
export function exampleRules(overrides: Partial<ContentRules> = {}): ContentRules {
  return {
    programmeYear: 2027,
    minAmount: NETZWERKFONDS_MIN_AMOUNT,
    maxAmount: Money.euros(150_000),
    actionFieldIds: [ACTION_FIELD, OTHER_ACTION_FIELD],
    areaIds: [AREA],
    requiredAttachmentKeys: ['budget_sheet'],
    attachedKinds: ['budget_sheet', 'statute'],
    ...overrides,
  };
}
