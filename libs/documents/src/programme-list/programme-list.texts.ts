import type { Locale } from '@kiezfonds/domain';
import type { ProgrammeListStatus } from './programme-list.input';

export interface ProgrammeListTexts {
  documentTitle: (fund: string, programmeYear: number) => string;
  date: string;
  labels: { fund: string; programmeYear: string; budget: string; basis: string };
  intro: string;
  columns: {
    rank: string;
    application: string;
    carrier: string;
    requested: string;
    amount: string;
    status: string;
  };
  status: Record<ProgrammeListStatus, string>;
  totals: string;
  selectedTotal: (count: number) => string;
  remaining: string;
  overBudget: (amount: string) => string;
  waitlistedTotal: (count: number) => string;
  adjustments: string;
  adjustment: (p: {
    rank: number;
    title: string;
    requested: string;
    amount: string;
    reason?: string;
  }) => string;
  closing: string;
}

export const PROGRAMME_LIST_TEXTS: Record<Locale, ProgrammeListTexts> = {
  de: {
    documentTitle: (fund, year) => `Programmplanung ${fund} ${year}: Prioritätenliste`,
    date: 'Datum',
    labels: { fund: 'Fonds', programmeYear: 'Programmjahr', budget: 'Budget', basis: 'Grundlage' },
    intro:
      'Die Anträge sind nach ihrer Priorität geordnet. Ausgewählt sind sie, soweit das Budget reicht; die übrigen ' +
      'stehen in der angegebenen Reihenfolge auf der Warteliste.',
    columns: {
      rank: 'Rang',
      application: 'Antrag',
      carrier: 'Träger:in',
      requested: 'Beantragt',
      amount: 'Vorgesehen',
      status: 'Status',
    },
    status: { selected: 'ausgewählt', waitlisted: 'Warteliste' },
    totals: 'Summen',
    selectedTotal: (count) => `Ausgewählt (${count} ${count === 1 ? 'Antrag' : 'Anträge'})`,
    remaining: 'Verbleibendes Budget',
    overBudget: (amount) => `Die ausgewählten Anträge überschreiten das Budget um ${amount}.`,
    waitlistedTotal: (count) => `Warteliste (${count} ${count === 1 ? 'Antrag' : 'Anträge'})`,
    adjustments: 'Angepasste Beträge',
    adjustment: ({ rank, title, requested, amount, reason }) =>
      `Rang ${rank}, „${title}“: beantragt ${requested}, vorgesehen ${amount}.${reason ? ` Begründung: ${reason}` : ''}`,
    closing: 'Für das Bezirksamt',
  },
  en: {
    documentTitle: (fund, year) => `Programme planning ${fund} ${year}: priority list`,
    date: 'Date',
    labels: { fund: 'Fund', programmeYear: 'Programme year', budget: 'Budget', basis: 'Basis' },
    intro:
      'The applications are listed by priority. They are selected as far as the budget goes; the others are ' +
      'waitlisted in the order shown.',
    columns: {
      rank: 'Rank',
      application: 'Application',
      carrier: 'Carrier',
      requested: 'Requested',
      amount: 'Planned',
      status: 'Status',
    },
    status: { selected: 'selected', waitlisted: 'waitlisted' },
    totals: 'Totals',
    selectedTotal: (count) => `Selected (${count} application${count === 1 ? '' : 's'})`,
    remaining: 'Budget remaining',
    overBudget: (amount) => `The selected applications exceed the budget by ${amount}.`,
    waitlistedTotal: (count) => `Waitlisted (${count} application${count === 1 ? '' : 's'})`,
    adjustments: 'Adjusted amounts',
    adjustment: ({ rank, title, requested, amount, reason }) =>
      `Rank ${rank}, “${title}”: requested ${requested}, planned ${amount}.${reason ? ` Reason: ${reason}` : ''}`,
    closing: 'For the district office',
  },
};
