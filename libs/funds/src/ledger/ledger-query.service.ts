import { Injectable } from '@nestjs/common';
import type { BudgetDirection, FundKind, LedgerEntryKind, ReversibleEntryKind } from '@kiezfonds/domain';
import { DataSource } from 'typeorm';
import type { Db } from '../balances/balance-rows';

/** Filters of the ledger list and its exports; all optional, combined with AND. */
export interface LedgerFilter {
  programmeYear?: number;
  cashYear?: number;
  kind?: LedgerEntryKind;
  trackedProjectId?: string;
  applicationId?: string;
}

/** One ledger entry as the API shows it; amounts in cents as decimal strings. */
export interface LedgerEntryView {
  id: string;
  /** Booking order: the running number of the ledger (a bigint, as a decimal string). */
  seq: string;
  bookedAt: Date;
  fundId: string;
  fundName: string;
  fundKind: FundKind;
  programmeYear: number;
  cashYear: number;
  kind: LedgerEntryKind;
  /** Only for budget amendments (and their reversals). */
  direction: BudgetDirection | null;
  amountCents: string;
  applicationId: string | null;
  trackedProjectId: string | null;
  projectTitle: string | null;
  organisationId: string | null;
  organisationName: string | null;
  callOffRef: string | null;
  grantNoticeRef: string | null;
  actor: { id: string; displayName: string };
  reason: string | null;
  /** For a reversal: the entry it cancels, its kind and running number. */
  reversesEntryId: string | null;
  reversedKind: ReversibleEntryKind | null;
  reversesSeq: string | null;
  /** The reversal that cancelled this entry, if any. */
  reversedByEntryId: string | null;
}

/** An entry with its booking time as Berlin wall-clock time (`YYYY-MM-DDTHH:MM:SS`), for exports. */
export interface LedgerEntryRecord extends LedgerEntryView {
  bookedLocal: string;
}

interface EntryRow {
  id: string;
  seq: string;
  created_at: Date;
  booked_local: string;
  fund_id: string;
  fund_name: string;
  fund_kind: FundKind;
  programme_year: number;
  cash_year: number;
  kind: LedgerEntryKind;
  direction: BudgetDirection | null;
  amount_cents: string;
  application_id: string | null;
  tracked_project_id: string | null;
  project_title: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  call_off_ref: string | null;
  grant_notice_ref: string | null;
  actor_id: string;
  actor_name: string;
  reason: string | null;
  reverses_entry_id: string | null;
  reversed_kind: ReversibleEntryKind | null;
  reverses_seq: string | null;
  reversed_by_entry_id: string | null;
}

const ENTRY_SELECT = `
  SELECT e.id, e.seq::text AS seq, e.created_at,
         to_char(e.created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI:SS') AS booked_local,
         e.fund_id, f.name AS fund_name, e.fund_kind, e.programme_year, e.cash_year, e.kind, e.direction,
         e.amount_cents::text AS amount_cents, e.application_id, e.tracked_project_id,
         coalesce(tp.title, a.title) AS project_title, o.id AS organisation_id, o.name AS organisation_name,
         e.call_off_ref, e.grant_notice_ref, e.actor_id, u.display_name AS actor_name, e.reason,
         e.reverses_entry_id, e.reversed_kind, r.seq::text AS reverses_seq, rb.id AS reversed_by_entry_id
  FROM ledger_entry e
  JOIN fund f ON f.id = e.fund_id
  JOIN app_user u ON u.id = e.actor_id
  LEFT JOIN tracked_project tp ON tp.id = e.tracked_project_id
  LEFT JOIN application a ON a.id = e.application_id
  LEFT JOIN organisation o ON o.id = coalesce(tp.organisation_id, a.organisation_id)
  LEFT JOIN ledger_entry r ON r.id = e.reverses_entry_id
  LEFT JOIN ledger_entry rb ON rb.reverses_entry_id = e.id`;

function recordOf(row: EntryRow): LedgerEntryRecord {
  return {
    id: row.id,
    seq: row.seq,
    bookedAt: row.created_at,
    bookedLocal: row.booked_local,
    fundId: row.fund_id,
    fundName: row.fund_name,
    fundKind: row.fund_kind,
    programmeYear: row.programme_year,
    cashYear: row.cash_year,
    kind: row.kind,
    direction: row.direction,
    amountCents: row.amount_cents,
    applicationId: row.application_id,
    trackedProjectId: row.tracked_project_id,
    projectTitle: row.project_title,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    callOffRef: row.call_off_ref,
    grantNoticeRef: row.grant_notice_ref,
    actor: { id: row.actor_id, displayName: row.actor_name },
    reason: row.reason,
    reversesEntryId: row.reverses_entry_id,
    reversedKind: row.reversed_kind,
    reversesSeq: row.reverses_seq,
    reversedByEntryId: row.reversed_by_entry_id,
  };
}

function viewOf(row: EntryRow): LedgerEntryView {
  const { bookedLocal: _, ...view } = recordOf(row);
  return view;
}

/** The WHERE clause of a fund's entries under a filter, binding its values through `bind`. */
function whereOf(fundId: string, filter: LedgerFilter, bind: (value: unknown) => string): string[] {
  const where = [`e.fund_id = ${bind(fundId)}`];
  if (filter.programmeYear !== undefined) where.push(`e.programme_year = ${bind(filter.programmeYear)}`);
  if (filter.cashYear !== undefined) where.push(`e.cash_year = ${bind(filter.cashYear)}`);
  if (filter.kind !== undefined) where.push(`e.kind = ${bind(filter.kind)}`);
  if (filter.trackedProjectId !== undefined)
    where.push(`e.tracked_project_id = ${bind(filter.trackedProjectId)}`);
  if (filter.applicationId !== undefined) where.push(`e.application_id = ${bind(filter.applicationId)}`);
  return where;
}

/**
 * Reads the ledger of one fund: a page for screens (newest first) and batches in booking order for
 * exports. Scoping is the caller's: the fund id must come from `FundScope.fund`.
 */
@Injectable()
export class LedgerQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async page(
    fundId: string,
    filter: LedgerFilter,
    page: { limit: number; offset: number },
    db: Db = this.dataSource,
  ): Promise<{ items: LedgerEntryView[]; total: number }> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = whereOf(fundId, filter, bind).join(' AND ');
    const [{ total }] = (await db.query(
      `SELECT count(*)::int AS total FROM ledger_entry e WHERE ${where}`,
      params,
    )) as [{ total: number }];
    const rows = (await db.query(
      `${ENTRY_SELECT} WHERE ${where} ORDER BY e.seq DESC LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
      params,
    )) as EntryRow[];
    return { items: rows.map(viewOf), total };
  }

  /** One entry as the list shows it. */
  async get(entryId: string, db: Db = this.dataSource): Promise<LedgerEntryView> {
    const [row] = (await db.query(`${ENTRY_SELECT} WHERE e.id = $1`, [entryId])) as EntryRow[];
    if (!row) throw new Error(`ledger entry ${entryId} vanished`);
    return viewOf(row);
  }

  /**
   * Every matching entry in booking order, `batchSize` at a time (keyset pagination on `seq`), so
   * an export of a million entries never holds more than one batch. Pass a snapshot transaction as
   * `db` to read all batches as of one instant.
   */
  async *batches(
    db: Db,
    fundId: string,
    filter: LedgerFilter,
    batchSize = 2000,
  ): AsyncGenerator<LedgerEntryRecord[]> {
    let after = '0';
    for (;;) {
      const params: unknown[] = [];
      const bind = (value: unknown) => `$${params.push(value)}`;
      const where = whereOf(fundId, filter, bind);
      where.push(`e.seq > ${bind(after)}`);
      const rows = (await db.query(
        `${ENTRY_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.seq LIMIT ${bind(batchSize)}`,
        params,
      )) as EntryRow[];
      if (rows.length === 0) return;
      yield rows.map(recordOf);
      if (rows.length < batchSize) return;
      after = rows.at(-1)!.seq;
    }
  }
}
