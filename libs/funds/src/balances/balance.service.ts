import { Injectable } from '@nestjs/common';
import {
  EMPTY_FUND_YEAR_BALANCE,
  type FundKind,
  type FundYearBalance,
  Money,
  NotFoundError,
} from '@kiezfonds/domain';
import { DataSource } from 'typeorm';
import { FUNDS_ERROR_CODES } from '../funds.exception';
import type { FundYearFigures } from '../ledger/ledger-command';
import { type Db, type FundYearBalanceRow, fundYearBalanceOf, withFigures } from './balance-rows';

/** One cash year (Kassenjahr) of a fund year: instalments planned against money paid. */
export interface CashYearFigures {
  cashYear: number;
  /** Commitments minus de-commitments booked to this cash year. */
  planned: Money;
  disbursed: Money;
  repaid: Money;
  /** disbursed − repaid. */
  paid: Money;
}

/** What finance staff see for one fund and programme year. */
export interface FundYearBalanceView extends FundYearFigures {
  fundId: string;
  fundKind: FundKind;
  fundName: string;
  districtId: string;
  /** The QM area of an Aktions-, Projekt- or Baufonds; null for the Netzwerkfonds. */
  areaId: string | null;
  programmeYear: number;
  entryCount: number;
  cashYears: CashYearFigures[];
}

/** The funds of one area (or, with `areaId` null, the district-wide Netzwerkfonds) in one programme year. */
export interface AreaBalanceView extends FundYearFigures {
  areaId: string | null;
  areaName: string | null;
}

/**
 * Project money of one action field and fund kind in one programme year. Budgets belong to funds,
 * not to action fields, so there is no budget here. Projects without an action field (and, until
 * applications carry theirs, every Netzwerkfonds application) count under `actionFieldId` null.
 */
export interface ActionFieldBalanceView {
  actionFieldId: string | null;
  actionFieldName: string | null;
  fundKind: FundKind;
  committed: Money;
  disbursed: Money;
  repaid: Money;
  paid: Money;
  outstanding: Money;
}

/** The stored counters next to the sums of the entries, for an audit of the counters. */
export interface BalanceAudit {
  consistent: boolean;
  stored: FundYearBalance;
  fromEntries: FundYearBalance;
  storedEntryCount: number;
  entryCount: number;
  /** Projects and cash years of the fund year whose counters differ from the sums of their entries. */
  mismatchedProjects: number;
  mismatchedCashYears: number;
  /** Action fields of the fund year whose counters differ from the sums of their entries. */
  mismatchedActionFields: number;
}

interface FundYearViewRow extends FundYearBalanceRow {
  fund_id: string;
  kind: FundKind;
  name: string;
  district_id: string;
  area_id: string | null;
  programme_year: number;
  entry_count: string;
  cash_years: { cashYear: number; planned: string; disbursed: string; repaid: string }[];
}

// One round trip: the counters and their cash years (aggregated as JSON, with the bigints as text so
// they never pass through a JavaScript number).
const FUND_YEAR_VIEW = `
  SELECT f.id AS fund_id, f.kind, f.name, f.district_id, f.area_id, b.programme_year,
         b.budget_cents::text AS budget_cents, b.committed_cents::text AS committed_cents,
         b.disbursed_cents::text AS disbursed_cents, b.repaid_cents::text AS repaid_cents,
         b.entry_count::text AS entry_count,
         coalesce((
           SELECT json_agg(json_build_object(
                    'cashYear', c.cash_year, 'planned', c.planned_cents::text,
                    'disbursed', c.disbursed_cents::text, 'repaid', c.repaid_cents::text)
                  ORDER BY c.cash_year)
           FROM fund_cash_year_balance c
           WHERE c.fund_id = b.fund_id AND c.programme_year = b.programme_year
         ), '[]'::json) AS cash_years
  FROM fund_year_balance b JOIN fund f ON f.id = b.fund_id`;

function viewOf(row: FundYearViewRow): FundYearBalanceView {
  return {
    fundId: row.fund_id,
    fundKind: row.kind,
    fundName: row.name,
    districtId: row.district_id,
    areaId: row.area_id,
    programmeYear: row.programme_year,
    entryCount: Number(row.entry_count),
    ...withFigures(fundYearBalanceOf(row)),
    cashYears: row.cash_years.map((c) => {
      const disbursed = Money.fromCents(c.disbursed);
      const repaid = Money.fromCents(c.repaid);
      return {
        cashYear: c.cashYear,
        planned: Money.fromCents(c.planned),
        disbursed,
        repaid,
        paid: disbursed.subtract(repaid),
      };
    }),
  };
}

// Each ordered; as parts of DISTRICT_OVERVIEW they keep their order through json_agg (ORDER BY ord).
const DISTRICT_FUNDS = `${FUND_YEAR_VIEW} LEFT JOIN area a ON a.id = f.area_id
  WHERE f.district_id = $1 AND b.programme_year = $2
  ORDER BY f.area_id IS NOT NULL, a.name, f.kind`;

const DISTRICT_BY_AREA = `
  SELECT f.area_id, a.name AS area_name,
         sum(b.budget_cents)::text AS budget_cents, sum(b.committed_cents)::text AS committed_cents,
         sum(b.disbursed_cents)::text AS disbursed_cents, sum(b.repaid_cents)::text AS repaid_cents
  FROM fund_year_balance b JOIN fund f ON f.id = b.fund_id LEFT JOIN area a ON a.id = f.area_id
  WHERE f.district_id = $1 AND b.programme_year = $2
  GROUP BY f.area_id, a.name
  ORDER BY f.area_id IS NOT NULL, a.name`;

// The per-action-field counters: a few rows per fund year however many projects it has.
const DISTRICT_BY_ACTION_FIELD = `
  SELECT p.action_field_id, af.name AS action_field_name, f.kind AS fund_kind,
         sum(p.committed_cents)::text AS committed_cents, sum(p.disbursed_cents)::text AS disbursed_cents,
         sum(p.repaid_cents)::text AS repaid_cents
  FROM ledger_action_field_balance p
  JOIN fund f ON f.id = p.fund_id
  LEFT JOIN action_field af ON af.id = p.action_field_id
  WHERE f.district_id = $1 AND p.programme_year = $2
  GROUP BY p.action_field_id, af.name, f.kind
  ORDER BY af.name NULLS LAST, f.kind`;

const asJsonArray = (sql: string) => `(
  SELECT coalesce(json_agg(x ORDER BY x.ord), '[]'::json)
  FROM (SELECT q.*, row_number() OVER () AS ord FROM (${sql}) q) x)`;

const DISTRICT_OVERVIEW = `
  SELECT d.slug, d.name,
         ${asJsonArray(DISTRICT_FUNDS)} AS funds,
         ${asJsonArray(DISTRICT_BY_AREA)} AS by_area,
         ${asJsonArray(DISTRICT_BY_ACTION_FIELD)} AS by_action_field
  FROM district d WHERE d.id = $1`;

type AreaRow = FundYearBalanceRow & { area_id: string | null; area_name: string | null };

interface ActionFieldRow {
  action_field_id: string | null;
  action_field_name: string | null;
  fund_kind: FundKind;
  committed_cents: string;
  disbursed_cents: string;
  repaid_cents: string;
}

function areaViewOf(row: AreaRow): AreaBalanceView {
  return { areaId: row.area_id, areaName: row.area_name, ...withFigures(fundYearBalanceOf(row)) };
}

function actionFieldViewOf(row: ActionFieldRow): ActionFieldBalanceView {
  const committed = Money.fromCents(row.committed_cents);
  const disbursed = Money.fromCents(row.disbursed_cents);
  const repaid = Money.fromCents(row.repaid_cents);
  const paid = disbursed.subtract(repaid);
  return {
    actionFieldId: row.action_field_id,
    actionFieldName: row.action_field_name,
    fundKind: row.fund_kind,
    committed,
    disbursed,
    repaid,
    paid,
    outstanding: committed.subtract(paid),
  };
}

/** The district overview's three parts, read together. */
export interface DistrictOverviewFigures {
  district: { slug: string; name: string };
  funds: FundYearBalanceView[];
  byArea: AreaBalanceView[];
  byActionField: ActionFieldBalanceView[];
}

/**
 * Balances read from the counters `LedgerService.post` keeps, so a read costs the same with ten
 * entries or ten million. Every method takes an optional `db`: pass the transaction to see its own
 * uncommitted postings. District scoping is the caller's: methods by district take the district,
 * `fundYear` answers for the fund asked for.
 */
@Injectable()
export class BalanceService {
  constructor(private readonly dataSource: DataSource) {}

  /** One fund and programme year; all zero when nothing was booked for that year yet. */
  async fundYear(
    fundId: string,
    programmeYear: number,
    db: Db = this.dataSource,
  ): Promise<FundYearBalanceView> {
    const [row] = (await db.query(`${FUND_YEAR_VIEW} WHERE b.fund_id = $1 AND b.programme_year = $2`, [
      fundId,
      programmeYear,
    ])) as FundYearViewRow[];
    if (row) return viewOf(row);
    const [fund] = (await db.query(`SELECT id, kind, name, district_id, area_id FROM fund WHERE id = $1`, [
      fundId,
    ])) as { id: string; kind: FundKind; name: string; district_id: string; area_id: string | null }[];
    if (!fund) throw new NotFoundError(FUNDS_ERROR_CODES.fundNotFound);
    return {
      fundId: fund.id,
      fundKind: fund.kind,
      fundName: fund.name,
      districtId: fund.district_id,
      areaId: fund.area_id,
      programmeYear,
      entryCount: 0,
      ...withFigures(EMPTY_FUND_YEAR_BALANCE),
      cashYears: [],
    };
  }

  /** Every fund of a district with bookings in the programme year: the Netzwerkfonds first, then by area and kind. */
  async district(
    districtId: string,
    programmeYear: number,
    db: Db = this.dataSource,
  ): Promise<FundYearBalanceView[]> {
    const rows = (await db.query(DISTRICT_FUNDS, [districtId, programmeYear])) as FundYearViewRow[];
    return rows.map(viewOf);
  }

  /** The district's funds summed per QM area; the Netzwerkfonds appears as the district-wide row (area null). */
  async byArea(
    districtId: string,
    programmeYear: number,
    db: Db = this.dataSource,
  ): Promise<AreaBalanceView[]> {
    const rows = (await db.query(DISTRICT_BY_AREA, [districtId, programmeYear])) as AreaRow[];
    return rows.map(areaViewOf);
  }

  /** The district's project money per action field and fund kind. */
  async byActionField(
    districtId: string,
    programmeYear: number,
    db: Db = this.dataSource,
  ): Promise<ActionFieldBalanceView[]> {
    const rows = (await db.query(DISTRICT_BY_ACTION_FIELD, [districtId, programmeYear])) as ActionFieldRow[];
    return rows.map(actionFieldViewOf);
  }

  /**
   * The district overview's figures in one statement, so one snapshot (the funds, the areas and the
   * action fields agree) at the cost of one round trip; null when there is no such district. Every
   * part reads the counters only: the cost does not grow with the entries.
   */
  async districtOverview(
    districtId: string,
    programmeYear: number,
    db: Db = this.dataSource,
  ): Promise<DistrictOverviewFigures | null> {
    // Prepared on each connection from its second use on (ADR 0022): planning the overview's joins
    // costs about as much as running them.
    const [row] = (await db.query(DISTRICT_OVERVIEW, [districtId, programmeYear])) as {
      slug: string;
      name: string;
      funds: FundYearViewRow[];
      by_area: AreaRow[];
      by_action_field: ActionFieldRow[];
    }[];
    if (!row) return null;
    return {
      district: { slug: row.slug, name: row.name },
      funds: row.funds.map(viewOf),
      byArea: row.by_area.map(areaViewOf),
      byActionField: row.by_action_field.map(actionFieldViewOf),
    };
  }

  /**
   * Compares the stored counters of a fund year with the sums of its entries (which reads every
   * entry of that year: for audits and tests, not for screens).
   */
  async audit(fundId: string, programmeYear: number, db: Db = this.dataSource): Promise<BalanceAudit> {
    const [stored] = (await db.query(
      `SELECT budget_cents::text AS budget_cents, committed_cents::text AS committed_cents,
              disbursed_cents::text AS disbursed_cents, repaid_cents::text AS repaid_cents,
              entry_count::text AS entry_count
       FROM fund_year_balance WHERE fund_id = $1 AND programme_year = $2`,
      [fundId, programmeYear],
    )) as (FundYearBalanceRow & { entry_count: string })[];
    const [sums] = (await db.query(
      `SELECT coalesce(sum(budget_cents), 0)::text AS budget_cents,
              coalesce(sum(committed_cents), 0)::text AS committed_cents,
              coalesce(sum(disbursed_cents), 0)::text AS disbursed_cents,
              coalesce(sum(repaid_cents), 0)::text AS repaid_cents,
              count(*)::text AS entry_count
       FROM ledger_entry_effect WHERE fund_id = $1 AND programme_year = $2`,
      [fundId, programmeYear],
    )) as (FundYearBalanceRow & { entry_count: string })[];
    const [mismatches] = (await db.query(
      `WITH entries AS (SELECT * FROM ledger_entry_effect WHERE fund_id = $1 AND programme_year = $2),
       projects AS (
         SELECT count(*) AS n FROM (
           SELECT project_id, sum(committed_cents) AS c, sum(disbursed_cents) AS d, sum(repaid_cents) AS r
           FROM entries WHERE project_id IS NOT NULL GROUP BY project_id
         ) s
         FULL JOIN (SELECT * FROM ledger_project_balance WHERE fund_id = $1 AND programme_year = $2) p USING (project_id)
         WHERE (coalesce(s.c, 0), coalesce(s.d, 0), coalesce(s.r, 0))
           IS DISTINCT FROM (coalesce(p.committed_cents, 0), coalesce(p.disbursed_cents, 0), coalesce(p.repaid_cents, 0))
       ),
       action_fields AS (
         SELECT count(*) AS n FROM (
           -- Keyed as text, '' for no action field: a FULL JOIN needs an equality, not IS NOT DISTINCT FROM.
           SELECT coalesce(tp.action_field_id::text, '') AS field, sum(e.committed_cents) AS c,
                  sum(e.disbursed_cents) AS d, sum(e.repaid_cents) AS r
           FROM entries e LEFT JOIN tracked_project tp ON tp.id = e.project_id
           WHERE e.project_id IS NOT NULL GROUP BY tp.action_field_id
         ) s
         FULL JOIN (
           SELECT coalesce(action_field_id::text, '') AS field, committed_cents, disbursed_cents, repaid_cents
           FROM ledger_action_field_balance WHERE fund_id = $1 AND programme_year = $2
         ) a USING (field)
         WHERE (coalesce(s.c, 0), coalesce(s.d, 0), coalesce(s.r, 0))
           IS DISTINCT FROM (coalesce(a.committed_cents, 0), coalesce(a.disbursed_cents, 0), coalesce(a.repaid_cents, 0))
       ),
       cash_years AS (
         SELECT count(*) AS n FROM (
           SELECT cash_year, sum(committed_cents) AS c, sum(disbursed_cents) AS d, sum(repaid_cents) AS r
           FROM entries GROUP BY cash_year
         ) s
         FULL JOIN (SELECT * FROM fund_cash_year_balance WHERE fund_id = $1 AND programme_year = $2) c USING (cash_year)
         WHERE (coalesce(s.c, 0), coalesce(s.d, 0), coalesce(s.r, 0))
           IS DISTINCT FROM (coalesce(c.planned_cents, 0), coalesce(c.disbursed_cents, 0), coalesce(c.repaid_cents, 0))
       )
       SELECT projects.n::int AS projects, cash_years.n::int AS cash_years, action_fields.n::int AS action_fields
       FROM projects, cash_years, action_fields`,
      [fundId, programmeYear],
    )) as { projects: number; cash_years: number; action_fields: number }[];
    const storedBalance = fundYearBalanceOf(stored);
    const fromEntries = fundYearBalanceOf(sums);
    const storedEntryCount = Number(stored?.entry_count ?? 0);
    const entryCount = Number(sums!.entry_count);
    const same = (a: FundYearBalance, b: FundYearBalance) =>
      a.budget.equals(b.budget) &&
      a.committed.equals(b.committed) &&
      a.disbursed.equals(b.disbursed) &&
      a.repaid.equals(b.repaid);
    return {
      consistent:
        same(storedBalance, fromEntries) &&
        storedEntryCount === entryCount &&
        mismatches!.projects === 0 &&
        mismatches!.cash_years === 0 &&
        mismatches!.action_fields === 0,
      stored: storedBalance,
      fromEntries,
      storedEntryCount,
      entryCount,
      mismatchedProjects: mismatches!.projects,
      mismatchedCashYears: mismatches!.cash_years,
      mismatchedActionFields: mismatches!.action_fields,
    };
  }
}
