import type { Locale } from '../errors/messages';
import type { FinancingType, LineRule, SettlementStep } from './proof-of-use';

/** The names of the financing types as the notice and the settlement print them. */
export const FINANCING_TYPE_TEXTS: Record<FinancingType, Record<Locale, string>> = {
  shortfall: { de: 'Fehlbedarfsfinanzierung', en: 'Shortfall funding' },
  partial: { de: 'Anteilfinanzierung', en: 'Partial funding' },
  fixed: { de: 'Festbetragsfinanzierung', en: 'Fixed-amount funding' },
};

/** The rule applied on a cost line, as carrier and finance read it next to the line. */
export const LINE_RULE_TEXTS: Record<LineRule, Record<Locale, string>> = {
  within_plan: {
    de: 'Im Rahmen des Ansatzes: voll zuwendungsfähig',
    en: 'Within the plan: fully eligible',
  },
  net_of_vat: {
    de: 'Vorsteuerabzugsberechtigt: nur die Nettoausgaben sind zuwendungsfähig, die Umsatzsteuer nicht',
    en: 'Entitled to deduct input tax: only the net costs are eligible, not the VAT',
  },
  overrun_offset: {
    de: 'Überschreitung bis 20 %, durch Einsparungen bei anderen Ansätzen ausgeglichen (ANBest-P Nr. 1.2)',
    en: 'Overrun up to 20 %, offset by savings on other lines (ANBest-P no. 1.2)',
  },
  overrun_capped: {
    de: 'Überschreitung über 20 %: zuwendungsfähig nur bis zum Ansatz zuzüglich 20 % (ANBest-P Nr. 1.2)',
    en: 'Overrun above 20 %: eligible only up to the plan plus 20 % (ANBest-P no. 1.2)',
  },
  overrun_not_offset: {
    de: 'Überschreitung nicht durch Einsparungen ausgeglichen: nur der ausgeglichene Teil ist zuwendungsfähig',
    en: 'Overrun not offset by savings: only the offset part is eligible',
  },
  not_in_plan: {
    de: 'Nicht im bewilligten Finanzierungsplan und nicht durch eine genehmigte Änderung aufgenommen: nicht zuwendungsfähig',
    en: 'Not in the approved plan and not added by an approved change: not eligible',
  },
};

/** The steps of the settlement, in the order the claim shows them. */
export const SETTLEMENT_STEP_TEXTS: Record<SettlementStep['key'], Record<Locale, string>> = {
  eligible_costs: { de: 'Zuwendungsfähige Ausgaben', en: 'Eligible costs' },
  other_funding: {
    de: 'abzüglich Eigenmittel und Drittmittel (mindestens wie geplant)',
    en: 'less own and third-party funds (at least as planned)',
  },
  shortfall: { de: 'Fehlbedarf', en: 'Shortfall' },
  share: {
    de: 'Anteil der Zuwendung an den geplanten Gesamtausgaben',
    en: "The grant's share of the planned total costs",
  },
  share_of_eligible: {
    de: 'Anteil an den zuwendungsfähigen Ausgaben (kaufmännisch gerundet)',
    en: 'Share of the eligible costs (rounded half-up)',
  },
  new_cover: {
    de: 'Höhere oder neue Deckungsmittel (Eigen- und Drittmittel über den Finanzierungsplan hinaus)',
    en: 'Higher or new cover (own and third-party funds beyond the financing plan)',
  },
  share_of_new_cover: {
    de: 'abzüglich Anteil der Zuwendung an den höheren oder neuen Deckungsmitteln (kaufmännisch gerundet, ANBest-P Nr. 2.1)',
    en: "less the grant's share of the higher or new cover (rounded half-up, ANBest-P no. 2.1)",
  },
  approved_grant: { de: 'Bewilligte Zuwendung (Höchstbetrag)', en: 'Approved grant (ceiling)' },
  final_grant: { de: 'Endgültige Zuwendung', en: 'Final grant' },
  paid: { de: 'Ausgezahlt', en: 'Paid out' },
  to_repay: { de: 'Zu erstatten', en: 'To be repaid' },
};
