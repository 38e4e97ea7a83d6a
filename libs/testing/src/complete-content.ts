/**
 * A complete application content of 50.000,00 € requested, the Netzwerkfonds minimum (9.000 € in
 * 2027, 41.000 € in 2028, with 1.000 € of the carrier's own money): a grant up to 50 000 € whose
 * 2027 instalment stays ≤ 10 000 € (DOMAIN.md step 8). For tests and benchmarks.
 */
export function completeContent(
  areaIds: string[],
  actionFieldIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    summary: 'Kochabende in zwei Kiezen, vorbereitet von Nachbar:innen beider Gebiete.',
    goals: [{ goal: 'Begegnung über Kiezgrenzen', indicator: 'Teilnehmende je Abend', targetValue: '25' }],
    targetGroups: ['Familien', 'Senior:innen'],
    actionFieldIds,
    areaIds,
    periodStart: '2027-03-01',
    periodEnd: '2028-12-31',
    costPlan: [
      { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '1000000' },
      {
        cashYear: 2028,
        category: 'material',
        description: 'Lebensmittel und Geschirr',
        amountCents: '4100000',
      },
    ],
    financingPlan: [
      { cashYear: 2027, requestedCents: '900000', ownCents: '100000', thirdPartyCents: '0' },
      { cashYear: 2028, requestedCents: '4100000', ownCents: '0', thirdPartyCents: '0' },
    ],
    thirdPartySources: '',
    evaluationConcept: 'Zählung der Teilnehmenden und eine kurze Befragung nach jedem Abend.',
    declarations: {
      projectNotStarted: true,
      subsidyFraudAcknowledged: true,
      transparencyConsent: true,
      transparencyRefusalReason: '',
    },
    ...overrides,
  };
}
