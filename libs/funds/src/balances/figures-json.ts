import type { AreaBalanceView, ActionFieldBalanceView, FundYearBalanceView } from './balance.service';
import type { FundYearFigures } from '../ledger/ledger-command';

/**
 * Balances as the API carries them: every amount in integer cents as a decimal string (JSON has
 * no bigint, and a float would not be exact), named `…Cents` so nobody mistakes it for euros.
 */
export interface FiguresJson {
  budgetCents: string;
  committedCents: string;
  /** budget − committed */
  availableCents: string;
  disbursedCents: string;
  repaidCents: string;
  /** disbursed − repaid */
  paidCents: string;
  /** committed − paid */
  outstandingCents: string;
}

export function figuresJson(figures: FundYearFigures): FiguresJson {
  return {
    budgetCents: figures.budget.toString(),
    committedCents: figures.committed.toString(),
    availableCents: figures.available.toString(),
    disbursedCents: figures.disbursed.toString(),
    repaidCents: figures.repaid.toString(),
    paidCents: figures.paid.toString(),
    outstandingCents: figures.outstanding.toString(),
  };
}

export interface CashYearJson {
  cashYear: number;
  /** Commitments minus de-commitments booked to this cash year (Kassenjahr). */
  plannedCents: string;
  disbursedCents: string;
  repaidCents: string;
  paidCents: string;
}

export interface FundYearJson extends FiguresJson {
  fundId: string;
  fundKind: FundYearBalanceView['fundKind'];
  fundName: string;
  districtId: string;
  areaId: string | null;
  programmeYear: number;
  entryCount: number;
  cashYears: CashYearJson[];
}

export function fundYearJson(view: FundYearBalanceView): FundYearJson {
  return {
    fundId: view.fundId,
    fundKind: view.fundKind,
    fundName: view.fundName,
    districtId: view.districtId,
    areaId: view.areaId,
    programmeYear: view.programmeYear,
    entryCount: view.entryCount,
    ...figuresJson(view),
    cashYears: view.cashYears.map((c) => ({
      cashYear: c.cashYear,
      plannedCents: c.planned.toString(),
      disbursedCents: c.disbursed.toString(),
      repaidCents: c.repaid.toString(),
      paidCents: c.paid.toString(),
    })),
  };
}

export function areaJson(view: AreaBalanceView) {
  return { areaId: view.areaId, areaName: view.areaName, ...figuresJson(view) };
}

export function actionFieldJson(view: ActionFieldBalanceView) {
  return {
    actionFieldId: view.actionFieldId,
    actionFieldName: view.actionFieldName,
    fundKind: view.fundKind,
    committedCents: view.committed.toString(),
    disbursedCents: view.disbursed.toString(),
    repaidCents: view.repaid.toString(),
    paidCents: view.paid.toString(),
    outstandingCents: view.outstanding.toString(),
  };
}
