import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BalanceService } from '../balances/balance.service';
import type { Fund } from '../funds/fund.service';
import { type LedgerFilter, LedgerQueryService } from '../ledger/ledger-query.service';
import {
  ACTION_FIELD_BALANCE_COLUMNS,
  AREA_BALANCE_COLUMNS,
  BALANCE_LINE_COLUMNS,
  balanceLines,
  DISTRICT_WIDE,
  FUND_BALANCE_COLUMNS,
  type FundRow,
  LEDGER_COLUMNS,
} from './columns';
import { CSV_BOM } from './german-format';
import { FUND_KIND_LABELS } from './labels';
import { type CellType, type CellValue, type Column, csvHeader, csvRow } from './table';
import { XlsxStream } from './xlsx';

interface ProjectLine {
  title: string;
  organisation_name: string;
  area_name: string | null;
  action_field_name: string | null;
  period_start: string | null;
  period_end: string | null;
  granted_cents: string | null;
  committed_cents: string;
  disbursed_cents: string;
  repaid_cents: string;
}

const PROJECT_COLUMNS: readonly Column<ProjectLine>[] = [
  { header: 'Projekt', type: 'text', width: 36, value: (p) => p.title },
  { header: 'Träger', type: 'text', width: 30, value: (p) => p.organisation_name },
  { header: 'Gebiet', type: 'text', width: 24, value: (p) => p.area_name },
  { header: 'Handlungsfeld', type: 'text', width: 26, value: (p) => p.action_field_name },
  { header: 'Beginn', type: 'date', width: 12, value: (p) => p.period_start },
  { header: 'Ende', type: 'date', width: 12, value: (p) => p.period_end },
  { header: 'Bewilligt (€)', type: 'euro', width: 16, value: (p) => p.granted_cents },
  { header: 'Gebunden (€)', type: 'euro', width: 16, value: (p) => p.committed_cents },
  { header: 'Ausgezahlt (€)', type: 'euro', width: 16, value: (p) => p.disbursed_cents },
  { header: 'Zurückgezahlt (€)', type: 'euro', width: 16, value: (p) => p.repaid_cents },
  {
    header: 'Offen (€)',
    type: 'euro',
    width: 16,
    value: (p) => (BigInt(p.committed_cents) - BigInt(p.disbursed_cents) + BigInt(p.repaid_cents)).toString(),
  },
];

/** Column widths of the summary sheet, whose rows mix labels, amounts and dates. */
const SUMMARY_COLUMNS: readonly Column<never>[] = [
  { header: '', type: 'text', width: 26, value: () => null },
  { header: '', type: 'text', width: 20, value: () => null },
  { header: '', type: 'text', width: 18, value: () => null },
  { header: '', type: 'text', width: 18, value: () => null },
  { header: '', type: 'text', width: 20, value: () => null },
];

const cell = (type: CellType, value: CellValue) => ({ type, value });
const text = (value: string | null) => cell('text', value);

/**
 * The exports of issue 5: ledger and balances as CSV and XLSX in German formats, and the yearly
 * report of a fund. Each export reads in one read-only REPEATABLE READ transaction, so its
 * figures and entries are those of one instant even while bookings go on; entries are read in
 * batches and written as they come, so a million entries never sit in memory. Scoping is the
 * caller's: funds and districts must come from `FundScope`.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entries: LedgerQueryService,
    private readonly balances: BalanceService,
  ) {}

  async ledgerCsv(out: Writable, fund: Fund, filter: LedgerFilter): Promise<void> {
    await this.snapshot(async (db) => {
      const batches = this.entries.batches(db, fund.id, filter);
      async function* lines() {
        yield CSV_BOM + csvHeader(LEDGER_COLUMNS);
        for await (const batch of batches) yield batch.map((entry) => csvRow(LEDGER_COLUMNS, entry)).join('');
      }
      await pipeline(Readable.from(lines(), { objectMode: false }), out);
    });
  }

  async ledgerXlsx(out: Writable, fund: Fund, filter: LedgerFilter): Promise<void> {
    await this.snapshot(async (db) => {
      const xlsx = new XlsxStream(out);
      await this.entriesSheet(xlsx, db, fund, filter);
      await xlsx.finish();
    });
  }

  async districtBalancesCsv(out: Writable, districtId: string, programmeYear: number): Promise<void> {
    await this.snapshot(async (db) => {
      const { funds, areas, actionFields } = await this.districtBalances(db, districtId, programmeYear);
      const lines = balanceLines(programmeYear, funds, areas, actionFields);
      const body =
        CSV_BOM +
        csvHeader(BALANCE_LINE_COLUMNS) +
        lines.map((l) => csvRow(BALANCE_LINE_COLUMNS, l)).join('');
      await pipeline(Readable.from([body], { objectMode: false }), out);
    });
  }

  async districtBalancesXlsx(out: Writable, districtId: string, programmeYear: number): Promise<void> {
    await this.snapshot(async (db) => {
      const { funds, areas, actionFields } = await this.districtBalances(db, districtId, programmeYear);
      const xlsx = new XlsxStream(out);
      const fundSheet = xlsx.sheet('Fonds', FUND_BALANCE_COLUMNS, { freezeHeader: true }).header();
      funds.forEach((f) => fundSheet.add(f));
      fundSheet.commit();
      const areaColumns = AREA_BALANCE_COLUMNS(programmeYear);
      const areaSheet = xlsx.sheet('Gebiete', areaColumns, { freezeHeader: true }).header();
      areas.forEach((a) => areaSheet.add(a));
      areaSheet.commit();
      const fieldColumns = ACTION_FIELD_BALANCE_COLUMNS(programmeYear);
      const fieldSheet = xlsx.sheet('Handlungsfelder', fieldColumns, { freezeHeader: true }).header();
      actionFields.forEach((a) => fieldSheet.add(a));
      fieldSheet.commit();
      await xlsx.finish();
    });
  }

  /** The yearly report of a fund (Jahresbericht): summary with cash years, projects, and every entry of the programme year. */
  async fundYearReportXlsx(out: Writable, fund: Fund, programmeYear: number): Promise<void> {
    await this.snapshot(async (db) => {
      const view = await this.balances.fundYear(fund.id, programmeYear, db);
      const [place] = (await db.query(
        `SELECT d.name AS district_name, a.name AS area_name,
                to_char(now() AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS today,
                to_char(now() AT TIME ZONE 'Europe/Berlin', 'HH24:MI') AS time
         FROM fund f JOIN district d ON d.id = f.district_id LEFT JOIN area a ON a.id = f.area_id
         WHERE f.id = $1`,
        [fund.id],
      )) as { district_name: string; area_name: string | null; today: string; time: string }[];
      const xlsx = new XlsxStream(out);

      const summary = xlsx.sheet('Übersicht', SUMMARY_COLUMNS);
      summary.cells([text(`Jahresbericht ${fund.name} – Programmjahr ${programmeYear}`)], { bold: true });
      summary.cells([]);
      summary.cells([text('Fonds'), text(fund.name)]);
      summary.cells([text('Fondsart'), text(FUND_KIND_LABELS[fund.kind])]);
      summary.cells([text('Bezirk'), text(place!.district_name)]);
      summary.cells([text('Gebiet'), text(place!.area_name ?? DISTRICT_WIDE)]);
      summary.cells([text('Programmjahr'), cell('integer', programmeYear)]);
      summary.cells([text('Stand'), cell('date', place!.today), text(`${place!.time} Uhr`)]);
      summary.cells([text('Buchungen'), cell('integer', view.entryCount)]);
      summary.cells([]);
      summary.cells([text('Kennzahl'), text('Betrag (€)')], { bold: true });
      const figures: [string, string][] = [
        ['Budget', view.budget.toString()],
        ['Gebunden', view.committed.toString()],
        ['Verfügbar', view.available.toString()],
        ['Ausgezahlt', view.disbursed.toString()],
        ['Zurückgezahlt', view.repaid.toString()],
        ['Netto ausgezahlt', view.paid.toString()],
        ['Offen (gebunden, nicht ausgezahlt)', view.outstanding.toString()],
      ];
      for (const [label, cents] of figures) summary.cells([text(label), cell('euro', cents)]);
      summary.cells([]);
      summary.cells(
        ['Kassenjahr', 'Geplant (€)', 'Ausgezahlt (€)', 'Zurückgezahlt (€)', 'Netto ausgezahlt (€)'].map(
          text,
        ),
        { bold: true },
      );
      for (const c of view.cashYears) {
        summary.cells([
          cell('integer', c.cashYear),
          cell('euro', c.planned.toString()),
          cell('euro', c.disbursed.toString()),
          cell('euro', c.repaid.toString()),
          cell('euro', c.paid.toString()),
        ]);
      }
      summary.commit();

      const projects = (await db.query(
        `SELECT coalesce(tp.title, a.title) AS title, o.name AS organisation_name, ar.name AS area_name,
                af.name AS action_field_name,
                coalesce(tp.period_start, a.period_start)::text AS period_start,
                coalesce(tp.period_end, a.period_end)::text AS period_end,
                -- A Netzwerkfonds project's grant is the amount its grant notice fixed.
                coalesce(tp.amount_cents, gn.amount_cents)::text AS granted_cents,
                p.committed_cents::text AS committed_cents,
                p.disbursed_cents::text AS disbursed_cents, p.repaid_cents::text AS repaid_cents
         FROM ledger_project_balance p
         LEFT JOIN tracked_project tp ON tp.id = p.tracked_project_id
         LEFT JOIN application a ON a.id = p.application_id
         LEFT JOIN grant_notice gn ON gn.application_id = p.application_id
         JOIN organisation o ON o.id = coalesce(tp.organisation_id, a.organisation_id)
         LEFT JOIN area ar ON ar.id = tp.area_id
         LEFT JOIN action_field af ON af.id = tp.action_field_id
         WHERE p.fund_id = $1 AND p.programme_year = $2
         ORDER BY lower(coalesce(tp.title, a.title)), p.project_id`,
        [fund.id, programmeYear],
      )) as ProjectLine[];
      const projectSheet = xlsx.sheet('Projekte', PROJECT_COLUMNS, { freezeHeader: true }).header();
      projects.forEach((p) => projectSheet.add(p));
      projectSheet.commit();

      await this.entriesSheet(xlsx, db, fund, { programmeYear });
      await xlsx.finish();
    });
  }

  private async entriesSheet(xlsx: XlsxStream, db: EntityManager, fund: Fund, filter: LedgerFilter) {
    const sheet = xlsx.sheet('Buchungen', LEDGER_COLUMNS, { freezeHeader: true }).header();
    for await (const batch of this.entries.batches(db, fund.id, filter)) {
      for (const entry of batch) sheet.add(entry);
      await xlsx.flush();
    }
    sheet.commit();
  }

  private async districtBalances(db: EntityManager, districtId: string, programmeYear: number) {
    const areaNames = new Map(
      (
        (await db.query(`SELECT id, name FROM area WHERE district_id = $1`, [districtId])) as {
          id: string;
          name: string;
        }[]
      ).map((a) => [a.id, a.name]),
    );
    const funds: FundRow[] = (await this.balances.district(districtId, programmeYear, db)).map((f) => ({
      ...f,
      areaName: f.areaId ? (areaNames.get(f.areaId) ?? null) : null,
    }));
    return {
      funds,
      areas: await this.balances.byArea(districtId, programmeYear, db),
      actionFields: await this.balances.byActionField(districtId, programmeYear, db),
    };
  }

  /** Runs `work` in a read-only REPEATABLE READ transaction: every read sees the same instant. */
  private async snapshot<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      return await work(runner.manager);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
