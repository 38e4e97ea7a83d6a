import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  applyToFundYear,
  applyToProject,
  type BudgetDirection,
  BusinessRuleError,
  checkPosting,
  EMPTY_PROJECT_BALANCE,
  type FundYearBalance,
  type ErrorDetail,
  type FundKind,
  isTrackedFundKind,
  type LedgerDelta,
  ledgerDelta,
  type LedgerPosting,
  type LedgerViolation,
  Money,
  NotFoundError,
  postingProblems,
  type ReversibleEntryKind,
  ValidationError,
} from '@kiezfonds/domain';
import { auditInsert, queryRows, SqlParameters } from '@kiezfonds/persistence';
import { EntityManager, QueryFailedError } from 'typeorm';
import {
  type FundYearBalanceRow,
  fundYearBalanceOf,
  type ProjectBalanceRow,
  projectBalanceOf,
  withFigures,
} from '../balances/balance-rows';
import { FUNDS_ERROR_CODES, LedgerViolationError } from '../funds.exception';
import type {
  CommitForApplication,
  LedgerCommand,
  PostedLedgerEntry,
  ProjectEntryCommand,
} from './ledger-command';

interface FundRow {
  id: string;
  district_id: string;
  kind: FundKind;
}

interface EntryRow {
  id: string;
  fund_id: string;
  programme_year: number;
  cash_year: number;
  kind: ReversibleEntryKind | 'reversal';
  direction: BudgetDirection | null;
  amount_cents: string;
  application_id: string | null;
  tracked_project_id: string | null;
}

/** A command with what it resolved into, ready to be booked. */
interface Booking {
  command: LedgerCommand;
  resolved: Resolved;
}

/** Budget entries create their fund year; every other kind needs it to exist. */
const isBudgetKind = (kind: LedgerPosting['kind']) => kind === 'budget' || kind === 'budget_amendment';

function addDeltas(a: LedgerDelta, b: LedgerDelta): LedgerDelta {
  return {
    budget: a.budget.add(b.budget),
    committed: a.committed.add(b.committed),
    disbursed: a.disbursed.add(b.disbursed),
    repaid: a.repaid.add(b.repaid),
  };
}

/** What the database answers of each entry it wrote. */
interface WrittenEntry {
  id: string;
  seq: string;
  created_at: string;
}

/** A command resolved into the row it will become. */
interface Resolved {
  posting: LedgerPosting;
  fund: FundRow;
  applicationId: string | null;
  trackedProjectId: string | null;
  reversesEntryId: string | null;
  callOffRef: string | null;
  grantNoticeRef: string | null;
  /** The counters as read with the fund, without a lock; null when not read (a reversal). */
  counters: Counters | null;
}

/** The counters a posting is checked against: its fund year's and its project's, if any. */
interface Counters {
  fundYear: FundYearBalanceRow | undefined;
  project: ProjectBalanceRow | undefined;
}

/** The counter columns of `fund_year_balance b` and `ledger_project_balance p`, as `countersOf` reads them. */
const COUNTER_COLUMNS = `b.budget_cents, b.committed_cents, b.disbursed_cents, b.repaid_cents,
  p.committed_cents AS project_committed_cents, p.disbursed_cents AS project_disbursed_cents,
  p.repaid_cents AS project_repaid_cents`;

type CounterColumns = { [K in keyof FundYearBalanceRow]: string | null } & {
  project_committed_cents: string | null;
  project_disbursed_cents: string | null;
  project_repaid_cents: string | null;
};

function countersOf(row: CounterColumns | undefined): Counters {
  return {
    fundYear: row?.budget_cents == null ? undefined : (row as FundYearBalanceRow),
    project:
      row?.project_committed_cents == null
        ? undefined
        : {
            committed_cents: row.project_committed_cents,
            disbursed_cents: row.project_disbursed_cents!,
            repaid_cents: row.project_repaid_cents!,
          },
  };
}

/**
 * Each posting checked on the counters as the ones before it leave them, as if booked one by one:
 * their deltas, or the invariants the first refused posting breaks.
 */
function checkBookings(
  bookings: readonly Booking[],
  counters: Counters,
): { deltas: LedgerDelta[] } | { violations: [LedgerViolation, ...LedgerViolation[]] } {
  let fundYear = fundYearBalanceOf(counters.fundYear);
  let project = projectBalanceOf(counters.project);
  const deltas: LedgerDelta[] = [];
  try {
    for (const { resolved } of bookings) {
      const violations = checkPosting({ fundYear, project }, resolved.posting);
      if (violations.length > 0) return { violations: violations as [LedgerViolation, ...LedgerViolation[]] };
      const delta = ledgerDelta(resolved.posting);
      deltas.push(delta);
      fundYear = applyToFundYear(fundYear, delta);
      if (resolved.posting.projectId) project = applyToProject(project ?? EMPTY_PROJECT_BALANCE, delta);
    }
  } catch (error) {
    // Money refuses a sum beyond bigint, the counters' type: a refusal, not a crash.
    if (error instanceof RangeError) throw new BusinessRuleError(FUNDS_ERROR_CODES.amountOutOfRange);
    throw error;
  }
  return { deltas };
}

function negated(delta: LedgerDelta): LedgerDelta {
  return {
    budget: delta.budget.negate(),
    committed: delta.committed.negate(),
    disbursed: delta.disbursed.negate(),
    repaid: delta.repaid.negate(),
  };
}

const COUNTER_TABLES = new Set([
  'fund_year_balance',
  'fund_cash_year_balance',
  'ledger_project_balance',
  'ledger_action_field_balance',
]);

/**
 * A booking written on counters read without a lock that met a concurrent posting: a counter's
 * CHECK (the posting no longer fits), a first counter row inserted by the other one, a sum beyond
 * bigint (the other one's amount and this one together), or a deadlock. Raised by the booking's
 * statement, or by the COMMIT of a transaction whose counters move at the commit
 * (`commitForApplicationAtCommit`).
 */
export function isCounterConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, table } = error.driverError as { code?: string; table?: string };
  if (code === '40P01' || code === '22003') return true;
  return (code === '23514' || code === '23505') && table !== undefined && COUNTER_TABLES.has(table);
}

/**
 * The only writer of the ledger (ARCHITECTURE.md, "Funds and money"); `book` says how a posting
 * is checked and written.
 *
 * It relies on READ COMMITTED (PostgreSQL's default): after the lock is granted, the next
 * statement sees what the previous holder committed. Under REPEATABLE READ the counters would be
 * read from an older snapshot; the counter UPDATE would then fail with a serialisation error
 * rather than overspend. The CHECK constraints on the counter rows repeat the invariants as a
 * last line of defence.
 *
 * A transaction that posts to several fund years should do so in a fixed order (e.g. by fund id,
 * then year) so two such transactions cannot deadlock.
 */
@Injectable()
export class LedgerService {
  async post(tx: EntityManager, command: LedgerCommand): Promise<PostedLedgerEntry> {
    const [posted] = await this.book(tx, [{ command, resolved: await this.resolve(tx, command) }]);
    return posted!;
  }

  /**
   * Commits Netzwerkfonds money to an approved application: one commitment per cash-year
   * instalment of the grant notice, all or none (a refusal throws, and the caller's transaction
   * rolls back what was booked before). Only a Netzwerkfonds may pay an application; any other
   * fund is refused with `wrong_fund_kind` before anything is locked or booked. The instalments
   * are booked together (`book`): the fund year is locked once, not once per instalment.
   */
  async commitForApplication(tx: EntityManager, input: CommitForApplication): Promise<PostedLedgerEntry[]> {
    return this.book(tx, await this.applicationBookings(tx, input));
  }

  /**
   * As `commitForApplication`, but the counters every posting of the fund year shares move when
   * the transaction commits (ADR 0025): the fund year's lock is then held from the commit's start
   * to its end only, not from this statement on. The commitments are checked on the counters read
   * without a lock, as in `book`; should a concurrent posting have left too little when the commit
   * comes, the counters' CHECK refuses the COMMIT (`isCounterConflict`) and the whole transaction
   * is rolled back. So only a caller that then runs its transaction again, with
   * `commitForApplication`, may use it. The entries' balances are not known before the commit, so
   * none are answered. Booked the careful way at once when the unlocked counters refuse.
   */
  async commitForApplicationAtCommit(tx: EntityManager, input: CommitForApplication): Promise<void> {
    const bookings = await this.applicationBookings(tx, input);
    const read = bookings[0]!.resolved.counters;
    const checked = read?.fundYear ? checkBookings(bookings, read) : null;
    // No savepoint: the statement touches no counter another posting shares but the project's,
    // whose application the step holds locked. Should it meet a conflict all the same, the caller
    // runs the step again, as for a refused COMMIT.
    if (checked && !('violations' in checked))
      await this.writeEntries(tx, bookings, checked.deltas, 'at_commit');
    else await this.bookUnderLock(tx, bookings);
  }

  /** One commitment booking per cash-year instalment, resolved once. */
  private async applicationBookings(tx: EntityManager, input: CommitForApplication): Promise<Booking[]> {
    if (input.instalments.length === 0) {
      throw new ValidationError([{ field: 'instalments', rule: 'required' }]);
    }
    const bookings: Booking[] = [];
    const ordered = [...input.instalments].sort((a, b) => a.cashYear - b.cashYear);
    for (const instalment of ordered) {
      const command: LedgerCommand = {
        kind: 'commitment',
        fundId: input.fundId,
        programmeYear: input.programmeYear,
        cashYear: instalment.cashYear,
        amount: instalment.amount,
        project: { applicationId: input.applicationId },
        grantNoticeRef: input.grantNoticeRef ?? null,
        actorId: input.actorId,
        reason: input.reason ?? null,
        requestId: input.requestId ?? null,
      };
      const first = bookings[0]?.resolved;
      if (!first) {
        // Resolving checks that the fund is a Netzwerkfonds and the application its district's.
        bookings.push({ command, resolved: await this.resolve(tx, command) });
        continue;
      }
      // The fund and the application were checked with the first instalment; the others differ
      // only in cash year and amount, which are checked here without asking the database again.
      const posting = { ...first.posting, cashYear: instalment.cashYear, amount: instalment.amount };
      const problems = postingProblems(posting);
      if (problems.length > 0) throw new ValidationError(problems);
      bookings.push({ command, resolved: { ...first, posting } });
    }
    return bookings;
  }

  /**
   * Books resolved postings of one fund year and one project (or none) together, in the order
   * given, inside the caller's transaction, all or none. Each posting is checked against the
   * domain invariants (`checkPosting`) on the counters as the postings before it leave them; a
   * refusal is a `LedgerViolationError` (422) naming the rule, and nothing of the batch is written.
   *
   * Every other posting to the fund year waits from the moment its counters row is locked to the
   * commit (issue 18), so the lock is taken as late as it can be:
   *
   * - A commitment, payment or repayment is checked on the counters read with the fund (unlocked),
   *   then written in one statement whose UPDATE of the fund year's counters takes the lock. The
   *   counters' CHECK constraints repeat every invariant `checkPosting` tests and PostgreSQL checks
   *   them on the newest counters, so a posting that a concurrent one made too large fails there:
   *   it is rolled back to a savepoint and booked the careful way, which then refuses it with the
   *   figures as they are. The same holds for the first row of a project or cash year that a
   *   concurrent posting inserted first.
   * - Budgets and reversals, and any posting the unlocked counters refuse, are booked the careful
   *   way (`bookUnderLock`): lock the counters row, read, check, write.
   */
  private async book(tx: EntityManager, bookings: readonly Booking[]): Promise<PostedLedgerEntry[]> {
    const { fund, posting: first } = bookings[0]!.resolved;
    const { programmeYear, projectId } = first;
    if (
      bookings.some(
        ({ resolved }) =>
          resolved.fund.id !== fund.id ||
          resolved.posting.programmeYear !== programmeYear ||
          resolved.posting.projectId !== projectId,
      )
    ) {
      throw new Error('postings booked together must share their fund year and project');
    }
    const read = bookings[0]!.resolved.counters;
    const lockFree = bookings.every(
      ({ resolved }) => !resolved.reversesEntryId && !isBudgetKind(resolved.posting.kind),
    );
    if (lockFree && read?.fundYear) {
      const checked = checkBookings(bookings, read);
      if (!('violations' in checked)) {
        await tx.query(`SAVEPOINT ledger_booking`);
        try {
          return await this.write(tx, bookings, checked.deltas);
        } catch (error) {
          if (!isCounterConflict(error)) throw error;
          await tx.query(`ROLLBACK TO SAVEPOINT ledger_booking`);
        }
      }
    }
    return this.bookUnderLock(tx, bookings);
  }

  /** Lock the fund year's counters row, read, check, write: the careful way of `book`. */
  private async bookUnderLock(tx: EntityManager, bookings: readonly Booking[]): Promise<PostedLedgerEntry[]> {
    const { fund, posting: first } = bookings[0]!.resolved;
    const { programmeYear, projectId } = first;
    if (bookings.some(({ resolved }) => isBudgetKind(resolved.posting.kind))) {
      // A fund year comes into being with its first budget entry.
      await tx.query(
        `WITH year AS (
           INSERT INTO fund_year (fund_id, programme_year) VALUES ($1, $2) ON CONFLICT DO NOTHING
         )
         INSERT INTO fund_year_balance (fund_id, programme_year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [fund.id, programmeYear],
      );
    }
    const locked = await tx.query(
      `SELECT 1 FROM fund_year_balance WHERE fund_id = $1 AND programme_year = $2 FOR UPDATE`,
      [fund.id, programmeYear],
    );
    for (const { resolved } of bookings) {
      if (!resolved.reversesEntryId) continue;
      const [again] = await tx.query(`SELECT 1 FROM ledger_entry WHERE reverses_entry_id = $1`, [
        resolved.reversesEntryId,
      ]);
      if (again) throw new BusinessRuleError(FUNDS_ERROR_CODES.entryAlreadyReversed);
    }

    // Without a fund year row at the lock there is no budget to book against, even if a first
    // budget commits a moment later: FOR UPDATE does not wait for a row it cannot see yet, so the
    // counters are read only under a lock that holds (in a statement after the lock's, so it sees
    // what the lock's previous holder committed).
    const [row] =
      locked.length === 1
        ? ((await tx.query(
            `SELECT ${COUNTER_COLUMNS}
             FROM (SELECT 1) one
             LEFT JOIN fund_year_balance b ON b.fund_id = $1 AND b.programme_year = $2
             LEFT JOIN ledger_project_balance p ON p.fund_id = $1 AND p.programme_year = $2 AND p.project_id = $3`,
            [fund.id, programmeYear, projectId ?? null],
          )) as CounterColumns[])
        : [];
    const checked = checkBookings(bookings, countersOf(row));
    if ('violations' in checked) throw new LedgerViolationError(checked.violations);
    if (locked.length !== 1) {
      // Unreachable: without a fund year there is no budget, so every non-budget entry is refused above.
      throw new Error(`fund_year ${fund.id}/${programmeYear} missing for an accepted ${first.kind}`);
    }
    return this.write(tx, bookings, checked.deltas);
  }

  /** The checked postings in one statement, from the entries to the audit events, with their balances. */
  private async write(
    tx: EntityManager,
    bookings: readonly Booking[],
    deltas: readonly LedgerDelta[],
  ): Promise<PostedLedgerEntry[]> {
    const { fund } = bookings[0]!.resolved;
    const { entryIds, entries, counters } = await this.writeEntries(tx, bookings, deltas, 'now');
    const written = new Map(entries.map((entry) => [entry.id, entry]));

    // The last balance is the database's answer; those before it, the same counters part way.
    const balances: FundYearBalance[] = [];
    let balance = fundYearBalanceOf(counters!);
    for (let i = bookings.length - 1; i >= 0; i--) {
      balances[i] = balance;
      balance = applyToFundYear(balance, negated(deltas[i]!));
    }
    return bookings.map(({ resolved }, i) => ({
      id: entryIds[i]!,
      seq: written.get(entryIds[i]!)!.seq,
      createdAt: new Date(written.get(entryIds[i]!)!.created_at),
      districtId: fund.district_id,
      fundId: fund.id,
      fundKind: fund.kind,
      programmeYear: resolved.posting.programmeYear,
      cashYear: resolved.posting.cashYear,
      kind: resolved.posting.kind,
      direction: resolved.posting.direction,
      amount: resolved.posting.amount,
      applicationId: resolved.applicationId,
      trackedProjectId: resolved.trackedProjectId,
      reversesEntryId: resolved.reversesEntryId,
      reversedKind: resolved.posting.reversed?.kind ?? null,
      balance: withFigures(balances[i]!),
    }));
  }

  /**
   * The checked postings in one statement, from the entries to the audit events. The counters the
   * fund year's postings share move in it (`now`, answered), or at the commit (`at_commit`, only
   * commitments: `commitForApplicationAtCommit`).
   */
  private async writeEntries(
    tx: EntityManager,
    bookings: readonly Booking[],
    deltas: readonly LedgerDelta[],
    counters: 'now' | 'at_commit',
  ): Promise<{ entryIds: string[]; entries: WrittenEntry[]; counters: FundYearBalanceRow | null }> {
    const { fund, posting: first } = bookings[0]!.resolved;
    const { programmeYear, projectId } = first;
    const trackedProjectId = bookings[0]!.resolved.trackedProjectId;

    // Everything the batch writes in one statement, from the entries to the audit events: every
    // round trip here is time the other postings to this fund year wait. The entries' ids are made
    // here, so their audit events need not wait for the INSERT's answer.
    const entryIds = bookings.map(() => randomUUID());
    const total = deltas.reduce(addDeltas);
    const byCashYear = new Map<number, LedgerDelta>();
    bookings.forEach(({ resolved }, i) => {
      const year = resolved.posting.cashYear;
      const known = byCashYear.get(year);
      byCashYear.set(year, known ? addDeltas(known, deltas[i]!) : deltas[i]!);
    });
    const cashYears = [...byCashYear.entries()];
    const params = new SqlParameters();
    const fundId = params.add(fund.id);
    const year = params.add(programmeYear);
    const [committed, disbursed, repaid] = [total.committed, total.disbursed, total.repaid].map((m) =>
      params.add(m.toString()),
    );
    const entries = bookings.map(({ command, resolved }, i) =>
      params.row([
        entryIds[i],
        fund.id,
        fund.kind,
        programmeYear,
        resolved.posting.cashYear,
        resolved.posting.kind,
        resolved.posting.direction,
        resolved.posting.amount.toString(),
        resolved.applicationId,
        resolved.trackedProjectId,
        resolved.callOffRef,
        resolved.grantNoticeRef,
        command.actorId,
        command.reason?.trim() || null,
        resolved.reversesEntryId,
        resolved.posting.reversed?.kind ?? null,
      ]),
    );
    const audits = auditInsert(
      bookings.map(({ command, resolved }, i) => ({
        entityType: 'ledger_entry',
        entityId: entryIds[i]!,
        action: resolved.posting.kind,
        actorId: command.actorId,
        districtId: fund.district_id,
        requestId: command.requestId ?? null,
        // Ids and facts only: the reason is free text and stays in the ledger row.
        payload: {
          fundId: fund.id,
          fundKind: fund.kind,
          programmeYear,
          cashYear: resolved.posting.cashYear,
          amountCents: resolved.posting.amount.toString(),
          direction: resolved.posting.direction,
          applicationId: resolved.applicationId,
          trackedProjectId: resolved.trackedProjectId,
          reversesEntryId: resolved.reversesEntryId,
          reversedKind: resolved.posting.reversed?.kind ?? null,
          callOffRef: resolved.callOffRef,
          grantNoticeRef: resolved.grantNoticeRef,
        },
      })),
      params,
    );
    // The counters that exist already are updated; a project's or cash year's first row is inserted
    // when its UPDATE found none (should a concurrent posting insert it first, the INSERT fails on the
    // key and `book` books again under the lock).
    // Not INSERT … ON CONFLICT: PostgreSQL checks the CHECK constraints of the row it proposes
    // before it looks for the conflict, and a lone delta (a payment without its commitment) would
    // fail them. A tracked project's action field is fixed at its creation; an application has none.
    const actionField = () =>
      `(SELECT action_field_id FROM tracked_project WHERE id = ${params.add(trackedProjectId)}::uuid)`;
    const projectCounters = projectId
      ? `, project AS (
           UPDATE ledger_project_balance
           SET committed_cents = committed_cents + ${committed}, disbursed_cents = disbursed_cents + ${disbursed},
               repaid_cents = repaid_cents + ${repaid}
           WHERE fund_id = ${fundId} AND programme_year = ${year} AND project_id = ${params.add(projectId)}::uuid
           RETURNING 1
         ), first_project AS (
           INSERT INTO ledger_project_balance (fund_id, programme_year, project_id, application_id,
             tracked_project_id, committed_cents, disbursed_cents, repaid_cents)
           SELECT ${fundId}, ${year}, ${params.add(projectId)}::uuid, ${params.add(bookings[0]!.resolved.applicationId)}::uuid,
                  ${params.add(trackedProjectId)}::uuid, ${committed}, ${disbursed}, ${repaid}
            WHERE NOT EXISTS (SELECT 1 FROM project)
         )`
      : '';
    const entryCtes = `entry AS (
         INSERT INTO ledger_entry (id, fund_id, fund_kind, programme_year, cash_year, kind, direction, amount_cents,
           application_id, tracked_project_id, call_off_ref, grant_notice_ref, actor_id, reason,
           reverses_entry_id, reversed_kind)
         VALUES ${entries.join(', ')}
         RETURNING id, seq::text AS seq, created_at
       ), audit AS (
         ${audits}
       )${projectCounters}`;

    if (counters === 'at_commit') {
      if (!projectId || !total.budget.isZero() || !total.disbursed.isZero() || !total.repaid.isZero()) {
        throw new Error('only commitments to a project move their counters at the commit');
      }
      // The shared counters' deltas, for the trigger that adds them at the commit (migration 1763797500000).
      const [row] = await queryRows<{ entries: WrittenEntry[] }>(
        tx,
        `WITH ${entryCtes}
         INSERT INTO ledger_counters_at_commit (fund_id, programme_year, action_field_id, committed_cents,
           entry_count, cash_years, planned_cents)
         VALUES (${fundId}, ${year}, ${actionField()}, ${committed}, ${params.add(bookings.length)},
           ${params.add(cashYears.map(([y]) => y))}::int[],
           ${params.add(cashYears.map(([, d]) => d.committed.toString()))}::bigint[])
         RETURNING (SELECT json_agg(entry) FROM entry) AS entries`,
        params.values,
      );
      return { entryIds, entries: row!.entries, counters: null };
    }

    const cashYearDeltas = `unnest(${params.add(cashYears.map(([y]) => y))}::int[],
      ${params.add(cashYears.map(([, d]) => d.committed.toString()))}::bigint[],
      ${params.add(cashYears.map(([, d]) => d.disbursed.toString()))}::bigint[],
      ${params.add(cashYears.map(([, d]) => d.repaid.toString()))}::bigint[]) AS d(cash_year, planned, disbursed, repaid)`;
    const actionFieldCounter = projectId
      ? `, action_field AS (
           INSERT INTO ledger_action_field_balance AS a (fund_id, programme_year, action_field_id,
             committed_cents, disbursed_cents, repaid_cents)
           VALUES (${fundId}, ${year}, ${actionField()}, ${committed}, ${disbursed}, ${repaid})
           ON CONFLICT ON CONSTRAINT ledger_action_field_balance_key DO UPDATE
           SET committed_cents = a.committed_cents + EXCLUDED.committed_cents,
               disbursed_cents = a.disbursed_cents + EXCLUDED.disbursed_cents,
               repaid_cents = a.repaid_cents + EXCLUDED.repaid_cents
         )`
      : '';
    const [after] = await queryRows<FundYearBalanceRow & { entries: WrittenEntry[] }>(
      tx,
      `WITH ${entryCtes}${actionFieldCounter}, cash_year AS (
         UPDATE fund_cash_year_balance c
         SET planned_cents = c.planned_cents + d.planned, disbursed_cents = c.disbursed_cents + d.disbursed,
             repaid_cents = c.repaid_cents + d.repaid
         FROM ${cashYearDeltas}
         WHERE c.fund_id = ${fundId} AND c.programme_year = ${year} AND c.cash_year = d.cash_year
         RETURNING c.cash_year
       ), first_cash_year AS (
         INSERT INTO fund_cash_year_balance (fund_id, programme_year, cash_year, planned_cents,
           disbursed_cents, repaid_cents)
         SELECT ${fundId}, ${year}, d.* FROM ${cashYearDeltas}
          WHERE d.cash_year NOT IN (SELECT cash_year FROM cash_year)
       )
       UPDATE fund_year_balance
       SET budget_cents = budget_cents + ${params.add(total.budget.toString())}, committed_cents = committed_cents + ${committed},
           disbursed_cents = disbursed_cents + ${disbursed}, repaid_cents = repaid_cents + ${repaid},
           entry_count = entry_count + ${params.add(bookings.length)}, updated_at = now()
       WHERE fund_id = ${fundId} AND programme_year = ${year}
       RETURNING budget_cents, committed_cents, disbursed_cents, repaid_cents,
                 (SELECT json_agg(entry) FROM entry) AS entries`,
      params.values,
    );
    const { entries: written, ...counterRow } = after!;
    return { entryIds, entries: written, counters: counterRow };
  }

  private async fund(tx: EntityManager, fundId: string): Promise<FundRow> {
    return (
      await this.fundWithCounters(tx, { fundId, applicationId: null, programmeYear: null, projectId: null })
    ).fund;
  }

  /**
   * The fund, for a posting to an application the application's district and fund kind, and the
   * counters of the fund year and project, in one read without a lock (issue 18: every round trip
   * of an approval counts).
   */
  private async fundWithCounters(
    tx: EntityManager,
    of: {
      fundId: string;
      applicationId: string | null;
      programmeYear: number | null;
      projectId: string | null;
    },
  ): Promise<{ fund: FundRow; application: ApplicationFundRow | undefined; counters: Counters }> {
    const [row] = (await tx.query(
      `SELECT f.id, f.district_id, f.kind, c.district_id AS application_district_id, c.fund_kind AS application_fund_kind,
              ${COUNTER_COLUMNS}
         FROM fund f
         LEFT JOIN application a ON a.id = $2::uuid
         LEFT JOIN call c ON c.id = a.call_id
         LEFT JOIN fund_year_balance b ON b.fund_id = f.id AND b.programme_year = $3::integer
         LEFT JOIN ledger_project_balance p
           ON p.fund_id = f.id AND p.programme_year = $3::integer AND p.project_id = $4::uuid
        WHERE f.id = $1`,
      [of.fundId, of.applicationId, of.programmeYear, of.projectId],
    )) as (FundRow &
      CounterColumns & { application_district_id: string | null; application_fund_kind: FundKind | null })[];
    if (!row) throw new NotFoundError(FUNDS_ERROR_CODES.fundNotFound);
    const { application_district_id: districtId, application_fund_kind: fundKind } = row;
    return {
      fund: { id: row.id, district_id: row.district_id, kind: row.kind },
      application: districtId === null ? undefined : { district_id: districtId, fund_kind: fundKind! },
      counters: countersOf(row),
    };
  }

  /** Turns a command into the posting it stands for, checking its references; locks nothing yet. */
  private async resolve(tx: EntityManager, command: LedgerCommand): Promise<Resolved> {
    const problems: ErrorDetail[] = [];
    const reason = command.reason?.trim() ?? '';
    if ((command.kind === 'budget_amendment' || command.kind === 'reversal') && reason === '') {
      problems.push({ field: 'reason', rule: 'required' });
    }

    if (command.kind === 'reversal') {
      const [original] = (await tx.query(
        `SELECT id, fund_id, programme_year, cash_year, kind, direction, amount_cents::text AS amount_cents,
                application_id, tracked_project_id
         FROM ledger_entry WHERE id = $1`,
        [command.entryId],
      )) as EntryRow[];
      if (!original) throw new NotFoundError(FUNDS_ERROR_CODES.ledgerEntryNotFound);
      if (original.kind === 'reversal') throw new BusinessRuleError(FUNDS_ERROR_CODES.reversalNotReversible);
      if (problems.length > 0) throw new ValidationError(problems);
      return {
        posting: {
          kind: 'reversal',
          fundId: original.fund_id,
          programmeYear: original.programme_year,
          cashYear: original.cash_year,
          amount: Money.fromCents(original.amount_cents),
          direction: original.direction,
          projectId: original.application_id ?? original.tracked_project_id,
          reversed: { kind: original.kind, direction: original.direction },
        },
        fund: await this.fund(tx, original.fund_id),
        applicationId: original.application_id,
        trackedProjectId: original.tracked_project_id,
        reversesEntryId: original.id,
        counters: null,
        callOffRef: null,
        grantNoticeRef: null,
      };
    }

    const isProject = command.kind !== 'budget' && command.kind !== 'budget_amendment';
    const projectCommand = isProject ? (command as ProjectEntryCommand) : null;
    const applicationId =
      projectCommand && 'applicationId' in projectCommand.project
        ? projectCommand.project.applicationId
        : null;
    const trackedProjectId =
      projectCommand && 'trackedProjectId' in projectCommand.project
        ? projectCommand.project.trackedProjectId
        : null;
    const { fund, application, counters } = await this.fundWithCounters(tx, {
      fundId: command.fundId,
      applicationId,
      programmeYear: command.programmeYear,
      projectId: applicationId ?? trackedProjectId,
    });
    const posting: LedgerPosting = {
      kind: command.kind,
      fundId: fund.id,
      programmeYear: command.programmeYear,
      cashYear: projectCommand ? projectCommand.cashYear : command.programmeYear,
      amount: command.amount,
      direction: command.kind === 'budget_amendment' ? command.direction : null,
      projectId: applicationId ?? trackedProjectId,
      reversed: null,
    };
    problems.push(...postingProblems(posting));
    if (problems.length > 0) throw new ValidationError(problems);

    if (applicationId) checkApplication(fund, application);
    if (trackedProjectId) await this.checkTrackedProject(tx, fund, trackedProjectId);
    return {
      posting,
      fund,
      applicationId,
      trackedProjectId,
      reversesEntryId: null,
      counters,
      callOffRef: projectCommand?.callOffRef?.trim() || null,
      grantNoticeRef: projectCommand?.grantNoticeRef?.trim() || null,
    };
  }

  /** A tracked project is paid only by its own fund, never by the Netzwerkfonds. */
  private async checkTrackedProject(
    tx: EntityManager,
    fund: FundRow,
    trackedProjectId: string,
  ): Promise<void> {
    if (!isTrackedFundKind(fund.kind)) {
      throw new BusinessRuleError(FUNDS_ERROR_CODES.wrongFundKind, {
        fundKind: fund.kind,
        expected: 'tracked',
      });
    }
    const [project] = (await tx.query(`SELECT fund_id FROM tracked_project WHERE id = $1`, [
      trackedProjectId,
    ])) as {
      fund_id: string;
    }[];
    if (!project) throw new NotFoundError(FUNDS_ERROR_CODES.trackedProjectNotFound);
    if (project.fund_id !== fund.id) throw new BusinessRuleError(FUNDS_ERROR_CODES.projectNotInFund);
  }
}

interface ApplicationFundRow {
  district_id: string;
  fund_kind: FundKind;
}

/** A Netzwerkfonds application is paid only by its own district's Netzwerkfonds. */
function checkApplication(fund: FundRow, application: ApplicationFundRow | undefined): void {
  if (fund.kind !== 'netzwerkfonds') {
    throw new BusinessRuleError(FUNDS_ERROR_CODES.wrongFundKind, {
      fundKind: fund.kind,
      expected: 'netzwerkfonds',
    });
  }
  if (!application) throw new NotFoundError(FUNDS_ERROR_CODES.applicationNotFound);
  if (application.district_id !== fund.district_id || application.fund_kind !== fund.kind) {
    throw new BusinessRuleError(FUNDS_ERROR_CODES.projectNotInFund);
  }
}
