import type {
  ActionFieldBalanceView,
  AreaBalanceView,
  FundYearBalanceView,
} from '../balances/balance.service';
import type { FundYearFigures } from '../ledger/ledger-command';
import type { LedgerEntryRecord } from '../ledger/ledger-query.service';
import { DIRECTION_LABELS, ENTRY_KIND_LABELS, FUND_KIND_LABELS } from './labels';
import type { Column } from './table';

const kindLabel = (e: LedgerEntryRecord) =>
  e.kind === 'reversal' && e.reversedKind
    ? `${ENTRY_KIND_LABELS.reversal} (${ENTRY_KIND_LABELS[e.reversedKind]})`
    : ENTRY_KIND_LABELS[e.kind];

/** The ledger as finance staff read it, in booking order; the same columns in CSV and XLSX. */
export const LEDGER_COLUMNS: readonly Column<LedgerEntryRecord>[] = [
  { header: 'Lfd. Nr.', type: 'integer', width: 10, value: (e) => e.seq },
  { header: 'Buchungsdatum', type: 'date', width: 13, value: (e) => e.bookedLocal.slice(0, 10) },
  { header: 'Uhrzeit', type: 'text', width: 8, value: (e) => e.bookedLocal.slice(11, 16) },
  { header: 'Fonds', type: 'text', width: 30, value: (e) => e.fundName },
  { header: 'Programmjahr', type: 'integer', width: 13, value: (e) => e.programmeYear },
  { header: 'Kassenjahr', type: 'integer', width: 11, value: (e) => e.cashYear },
  { header: 'Buchungsart', type: 'text', width: 22, value: kindLabel },
  {
    header: 'Richtung',
    type: 'text',
    width: 10,
    value: (e) => (e.direction ? DIRECTION_LABELS[e.direction] : null),
  },
  { header: 'Betrag (€)', type: 'euro', width: 16, value: (e) => e.amountCents },
  { header: 'Projekt', type: 'text', width: 34, value: (e) => e.projectTitle },
  { header: 'Träger', type: 'text', width: 30, value: (e) => e.organisationName },
  { header: 'Mittelabruf', type: 'text', width: 16, value: (e) => e.callOffRef },
  { header: 'Bescheid', type: 'text', width: 16, value: (e) => e.grantNoticeRef },
  { header: 'Storno zu Nr.', type: 'integer', width: 12, value: (e) => e.reversesSeq },
  { header: 'Begründung', type: 'text', width: 40, value: (e) => e.reason },
  { header: 'Gebucht von', type: 'text', width: 24, value: (e) => e.actor.displayName },
  { header: 'Buchungs-ID', type: 'text', width: 38, value: (e) => e.id },
];

const figureColumns = <T extends FundYearFigures>(): Column<T>[] => [
  { header: 'Budget (€)', type: 'euro', width: 16, value: (f) => f.budget.toString() },
  { header: 'Gebunden (€)', type: 'euro', width: 16, value: (f) => f.committed.toString() },
  { header: 'Verfügbar (€)', type: 'euro', width: 16, value: (f) => f.available.toString() },
  { header: 'Ausgezahlt (€)', type: 'euro', width: 16, value: (f) => f.disbursed.toString() },
  { header: 'Zurückgezahlt (€)', type: 'euro', width: 16, value: (f) => f.repaid.toString() },
  { header: 'Netto ausgezahlt (€)', type: 'euro', width: 18, value: (f) => f.paid.toString() },
  { header: 'Offen (€)', type: 'euro', width: 16, value: (f) => f.outstanding.toString() },
];

export type FundRow = FundYearBalanceView & { areaName: string | null };

export const DISTRICT_WIDE = 'Bezirksweit';
export const WITHOUT_ACTION_FIELD = 'Ohne Handlungsfeld';

export const FUND_BALANCE_COLUMNS: readonly Column<FundRow>[] = [
  { header: 'Fonds', type: 'text', width: 34, value: (f) => f.fundName },
  { header: 'Fondsart', type: 'text', width: 14, value: (f) => FUND_KIND_LABELS[f.fundKind] },
  { header: 'Gebiet', type: 'text', width: 28, value: (f) => f.areaName ?? DISTRICT_WIDE },
  { header: 'Programmjahr', type: 'integer', width: 13, value: (f) => f.programmeYear },
  ...figureColumns<FundRow>(),
  { header: 'Buchungen', type: 'integer', width: 11, value: (f) => f.entryCount },
];

export const AREA_BALANCE_COLUMNS = (programmeYear: number): readonly Column<AreaBalanceView>[] => [
  {
    header: 'Gebiet',
    type: 'text',
    width: 34,
    value: (a) => a.areaName ?? `${DISTRICT_WIDE} (Netzwerkfonds)`,
  },
  { header: 'Programmjahr', type: 'integer', width: 13, value: () => programmeYear },
  ...figureColumns<AreaBalanceView>(),
];

export const ACTION_FIELD_BALANCE_COLUMNS = (
  programmeYear: number,
): readonly Column<ActionFieldBalanceView>[] => [
  {
    header: 'Handlungsfeld',
    type: 'text',
    width: 34,
    value: (a) => a.actionFieldName ?? WITHOUT_ACTION_FIELD,
  },
  { header: 'Fondsart', type: 'text', width: 14, value: (a) => FUND_KIND_LABELS[a.fundKind] },
  { header: 'Programmjahr', type: 'integer', width: 13, value: () => programmeYear },
  { header: 'Gebunden (€)', type: 'euro', width: 16, value: (a) => a.committed.toString() },
  { header: 'Ausgezahlt (€)', type: 'euro', width: 16, value: (a) => a.disbursed.toString() },
  { header: 'Zurückgezahlt (€)', type: 'euro', width: 16, value: (a) => a.repaid.toString() },
  { header: 'Netto ausgezahlt (€)', type: 'euro', width: 18, value: (a) => a.paid.toString() },
  { header: 'Offen (€)', type: 'euro', width: 16, value: (a) => a.outstanding.toString() },
];

/** The district's balances as one CSV table: funds, then areas, then action fields. */
export interface BalanceLine {
  section: 'Fonds' | 'Gebiet' | 'Handlungsfeld';
  name: string;
  fundKind: string | null;
  area: string | null;
  programmeYear: number;
  budget: string | null;
  committed: string;
  available: string | null;
  disbursed: string;
  repaid: string;
  paid: string;
  outstanding: string;
}

export const BALANCE_LINE_COLUMNS: readonly Column<BalanceLine>[] = [
  { header: 'Auswertung', type: 'text', value: (l) => l.section },
  { header: 'Bezeichnung', type: 'text', value: (l) => l.name },
  { header: 'Fondsart', type: 'text', value: (l) => l.fundKind },
  { header: 'Gebiet', type: 'text', value: (l) => l.area },
  { header: 'Programmjahr', type: 'integer', value: (l) => l.programmeYear },
  { header: 'Budget (€)', type: 'euro', value: (l) => l.budget },
  { header: 'Gebunden (€)', type: 'euro', value: (l) => l.committed },
  { header: 'Verfügbar (€)', type: 'euro', value: (l) => l.available },
  { header: 'Ausgezahlt (€)', type: 'euro', value: (l) => l.disbursed },
  { header: 'Zurückgezahlt (€)', type: 'euro', value: (l) => l.repaid },
  { header: 'Netto ausgezahlt (€)', type: 'euro', value: (l) => l.paid },
  { header: 'Offen (€)', type: 'euro', value: (l) => l.outstanding },
];

export function balanceLines(
  programmeYear: number,
  funds: readonly FundRow[],
  areas: readonly AreaBalanceView[],
  actionFields: readonly ActionFieldBalanceView[],
): BalanceLine[] {
  const figures = (f: FundYearFigures) => ({
    budget: f.budget.toString(),
    committed: f.committed.toString(),
    available: f.available.toString(),
    disbursed: f.disbursed.toString(),
    repaid: f.repaid.toString(),
    paid: f.paid.toString(),
    outstanding: f.outstanding.toString(),
  });
  return [
    ...funds.map((f) => ({
      section: 'Fonds' as const,
      name: f.fundName,
      fundKind: FUND_KIND_LABELS[f.fundKind],
      area: f.areaName ?? DISTRICT_WIDE,
      programmeYear,
      ...figures(f),
    })),
    ...areas.map((a) => ({
      section: 'Gebiet' as const,
      name: a.areaName ?? `${DISTRICT_WIDE} (Netzwerkfonds)`,
      fundKind: null,
      area: a.areaName ?? DISTRICT_WIDE,
      programmeYear,
      ...figures(a),
    })),
    ...actionFields.map((a) => ({
      section: 'Handlungsfeld' as const,
      name: a.actionFieldName ?? WITHOUT_ACTION_FIELD,
      fundKind: FUND_KIND_LABELS[a.fundKind],
      area: null,
      programmeYear,
      budget: null,
      committed: a.committed.toString(),
      available: null,
      disbursed: a.disbursed.toString(),
      repaid: a.repaid.toString(),
      paid: a.paid.toString(),
      outstanding: a.outstanding.toString(),
    })),
  ];
}
