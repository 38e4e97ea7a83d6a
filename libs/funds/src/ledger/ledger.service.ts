import { Injectable } from '@nestjs/common';
import {
  type BudgetDirection,
  BusinessRuleError,
  checkPosting,
  type ErrorDetail,
  type FundKind,
  isTrackedFundKind,
  ledgerDelta,
  type LedgerPosting,
  type LedgerViolation,
  Money,
  NotFoundError,
  postingProblems,
  type ReversibleEntryKind,
  ValidationError,
} from '@kiezfonds/domain';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { EntityManager } from 'typeorm';
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

/** A command resolved into the row it will become. */
interface Resolved {
  posting: LedgerPosting;
  fund: FundRow;
  applicationId: string | null;
  trackedProjectId: string | null;
  reversesEntryId: string | null;
  callOffRef: string | null;
  grantNoticeRef: string | null;
}

/**
 * The only writer of the ledger (ARCHITECTURE.md, "Funds and money"). Each posting, inside the
 * caller's transaction:
 *
 * 1. locks the fund year's row (`SELECT … FOR UPDATE`), so postings to one fund and programme
 *    year are checked strictly one after the other: two approvals at the same instant cannot both
 *    see the same available budget;
 * 2. reads the counters and checks the domain invariants (`checkPosting`); a refusal is a
 *    `LedgerViolationError` (422) naming the rule;
 * 3. appends the entry and adds its effect to the counters (fund year, project, cash year);
 * 4. records an audit event.
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
    const resolved = await this.resolve(tx, command);
    const { posting, fund } = resolved;

    if (posting.kind === 'budget' || posting.kind === 'budget_amendment') {
      // A fund year comes into being with its first budget entry.
      await tx.query(
        `INSERT INTO fund_year (fund_id, programme_year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [fund.id, posting.programmeYear],
      );
    }
    const locked = await tx.query(
      `SELECT 1 FROM fund_year WHERE fund_id = $1 AND programme_year = $2 FOR UPDATE`,
      [fund.id, posting.programmeYear],
    );
    if (resolved.reversesEntryId) {
      const [again] = await tx.query(`SELECT 1 FROM ledger_entry WHERE reverses_entry_id = $1`, [
        resolved.reversesEntryId,
      ]);
      if (again) throw new BusinessRuleError(FUNDS_ERROR_CODES.entryAlreadyReversed);
    }

    // The counters of the fund year and of the project in one read, in a statement after the lock's
    // (so it sees what the lock's previous holder committed): every round trip here is time the
    // other postings to this fund year wait (issue 18).
    const [counters] = (await tx.query(
      `SELECT b.budget_cents, b.committed_cents, b.disbursed_cents, b.repaid_cents,
              p.committed_cents AS project_committed_cents, p.disbursed_cents AS project_disbursed_cents,
              p.repaid_cents AS project_repaid_cents
       FROM (SELECT 1) one
       LEFT JOIN fund_year_balance b ON b.fund_id = $1 AND b.programme_year = $2
       LEFT JOIN ledger_project_balance p ON p.fund_id = $1 AND p.programme_year = $2 AND p.project_id = $3`,
      [fund.id, posting.programmeYear, posting.projectId ?? null],
    )) as (Partial<FundYearBalanceRow> & {
      project_committed_cents: string | null;
      project_disbursed_cents: string | null;
      project_repaid_cents: string | null;
    })[];
    const fundYearRow = counters?.budget_cents == null ? undefined : (counters as FundYearBalanceRow);
    if (locked.length === 1 && !fundYearRow) {
      await tx.query(
        `INSERT INTO fund_year_balance (fund_id, programme_year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [fund.id, posting.programmeYear],
      );
    }
    const projectRow: ProjectBalanceRow | undefined =
      counters?.project_committed_cents == null
        ? undefined
        : {
            committed_cents: counters.project_committed_cents,
            disbursed_cents: counters.project_disbursed_cents!,
            repaid_cents: counters.project_repaid_cents!,
          };
    const fundYear = fundYearBalanceOf(fundYearRow);
    const violations = checkPosting({ fundYear, project: projectBalanceOf(projectRow) }, posting);
    if (violations.length > 0) {
      throw new LedgerViolationError(violations as [LedgerViolation, ...LedgerViolation[]]);
    }
    if (locked.length !== 1) {
      // Unreachable: without a fund year there is no budget, so every non-budget entry is refused above.
      throw new Error(
        `fund_year ${fund.id}/${posting.programmeYear} missing for an accepted ${posting.kind}`,
      );
    }

    const [entry] = (await tx.query(
      `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, direction, amount_cents,
         application_id, tracked_project_id, call_off_ref, grant_notice_ref, actor_id, reason,
         reverses_entry_id, reversed_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING id, seq::text AS seq, created_at`,
      [
        fund.id,
        fund.kind,
        posting.programmeYear,
        posting.cashYear,
        posting.kind,
        posting.direction,
        posting.amount.toString(),
        resolved.applicationId,
        resolved.trackedProjectId,
        resolved.callOffRef,
        resolved.grantNoticeRef,
        command.actorId,
        command.reason?.trim() || null,
        resolved.reversesEntryId,
        posting.reversed?.kind ?? null,
      ],
    )) as { id: string; seq: string; created_at: Date }[];

    const delta = ledgerDelta(posting);
    // One statement for the counters that exist already (one round trip under the fund year's lock,
    // which the other postings to this fund year wait for): the fund year's, and as CTEs the cash
    // year's, the project's and its action field's (a tracked project's action field is fixed at
    // its creation; an application has none: null). A project's or cash year's first row is
    // inserted afterwards: PostgreSQL checks the CHECK constraints of the row an INSERT … ON
    // CONFLICT proposes before it looks for the conflict, and a lone delta (a payment without its
    // commitment) would fail them. Under the fund year's lock nobody else can insert it in between.
    const project = posting.projectId
      ? `, project AS (
           UPDATE ledger_project_balance
           SET committed_cents = committed_cents + $4, disbursed_cents = disbursed_cents + $5,
               repaid_cents = repaid_cents + $6
           WHERE fund_id = $1 AND programme_year = $2 AND project_id = $8::uuid RETURNING 1
         ), action_field AS (
           INSERT INTO ledger_action_field_balance AS a (fund_id, programme_year, action_field_id,
             committed_cents, disbursed_cents, repaid_cents)
           VALUES ($1, $2, (SELECT action_field_id FROM tracked_project WHERE id = $9::uuid), $4, $5, $6)
           ON CONFLICT ON CONSTRAINT ledger_action_field_balance_key DO UPDATE
           SET committed_cents = a.committed_cents + EXCLUDED.committed_cents,
               disbursed_cents = a.disbursed_cents + EXCLUDED.disbursed_cents,
               repaid_cents = a.repaid_cents + EXCLUDED.repaid_cents
         )`
      : '';
    const [after] = await queryRows<FundYearBalanceRow & { cash_year_rows: number; project_rows: number }>(
      tx,
      `WITH cash_year AS (
         UPDATE fund_cash_year_balance
         SET planned_cents = planned_cents + $4, disbursed_cents = disbursed_cents + $5,
             repaid_cents = repaid_cents + $6
         WHERE fund_id = $1 AND programme_year = $2 AND cash_year = $7 RETURNING 1
       )${project}
       UPDATE fund_year_balance
       SET budget_cents = budget_cents + $3, committed_cents = committed_cents + $4,
           disbursed_cents = disbursed_cents + $5, repaid_cents = repaid_cents + $6,
           entry_count = entry_count + 1, updated_at = now()
       WHERE fund_id = $1 AND programme_year = $2
       RETURNING budget_cents, committed_cents, disbursed_cents, repaid_cents,
                 (SELECT count(*)::int FROM cash_year) AS cash_year_rows,
                 ${posting.projectId ? '(SELECT count(*)::int FROM project)' : '0'} AS project_rows`,
      [
        fund.id,
        posting.programmeYear,
        delta.budget.toString(),
        delta.committed.toString(),
        delta.disbursed.toString(),
        delta.repaid.toString(),
        posting.cashYear,
        ...(posting.projectId ? [posting.projectId, resolved.trackedProjectId] : []),
      ],
    );
    if (posting.projectId && after!.project_rows === 0) {
      await tx.query(
        `INSERT INTO ledger_project_balance (fund_id, programme_year, project_id, application_id,
           tracked_project_id, committed_cents, disbursed_cents, repaid_cents)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          fund.id,
          posting.programmeYear,
          posting.projectId,
          resolved.applicationId,
          resolved.trackedProjectId,
          delta.committed.toString(),
          delta.disbursed.toString(),
          delta.repaid.toString(),
        ],
      );
    }
    if (after!.cash_year_rows === 0) {
      await tx.query(
        `INSERT INTO fund_cash_year_balance (fund_id, programme_year, cash_year, planned_cents,
           disbursed_cents, repaid_cents)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          fund.id,
          posting.programmeYear,
          posting.cashYear,
          delta.committed.toString(),
          delta.disbursed.toString(),
          delta.repaid.toString(),
        ],
      );
    }

    await recordAudit(tx, {
      entityType: 'ledger_entry',
      entityId: entry!.id,
      action: posting.kind,
      actorId: command.actorId,
      districtId: fund.district_id,
      requestId: command.requestId ?? null,
      // Ids and facts only: the reason is free text and stays in the ledger row.
      payload: {
        fundId: fund.id,
        fundKind: fund.kind,
        programmeYear: posting.programmeYear,
        cashYear: posting.cashYear,
        amountCents: posting.amount.toString(),
        direction: posting.direction,
        applicationId: resolved.applicationId,
        trackedProjectId: resolved.trackedProjectId,
        reversesEntryId: resolved.reversesEntryId,
        reversedKind: posting.reversed?.kind ?? null,
        callOffRef: resolved.callOffRef,
        grantNoticeRef: resolved.grantNoticeRef,
      },
    });

    return {
      id: entry!.id,
      seq: entry!.seq,
      createdAt: entry!.created_at,
      districtId: fund.district_id,
      fundId: fund.id,
      fundKind: fund.kind,
      programmeYear: posting.programmeYear,
      cashYear: posting.cashYear,
      kind: posting.kind,
      direction: posting.direction,
      amount: posting.amount,
      applicationId: resolved.applicationId,
      trackedProjectId: resolved.trackedProjectId,
      reversesEntryId: resolved.reversesEntryId,
      reversedKind: posting.reversed?.kind ?? null,
      balance: withFigures(fundYearBalanceOf(after)),
    };
  }

  /**
   * Commits Netzwerkfonds money to an approved application: one commitment per cash-year
   * instalment of the grant notice, all or none (a refusal throws, and the caller's transaction
   * rolls back what was booked before). Only a Netzwerkfonds may pay an application; any other
   * fund is refused with `wrong_fund_kind` before anything is locked or booked.
   */
  async commitForApplication(tx: EntityManager, input: CommitForApplication): Promise<PostedLedgerEntry[]> {
    const fund = await this.fund(tx, input.fundId);
    if (fund.kind !== 'netzwerkfonds') {
      throw new BusinessRuleError(FUNDS_ERROR_CODES.wrongFundKind, {
        fundKind: fund.kind,
        expected: 'netzwerkfonds',
      });
    }
    if (input.instalments.length === 0) {
      throw new ValidationError([{ field: 'instalments', rule: 'required' }]);
    }
    const posted: PostedLedgerEntry[] = [];
    const ordered = [...input.instalments].sort((a, b) => a.cashYear - b.cashYear);
    for (const instalment of ordered) {
      posted.push(
        await this.post(tx, {
          kind: 'commitment',
          fundId: fund.id,
          programmeYear: input.programmeYear,
          cashYear: instalment.cashYear,
          amount: instalment.amount,
          project: { applicationId: input.applicationId },
          grantNoticeRef: input.grantNoticeRef ?? null,
          actorId: input.actorId,
          reason: input.reason ?? null,
          requestId: input.requestId ?? null,
        }),
      );
    }
    return posted;
  }

  private async fund(tx: EntityManager, fundId: string): Promise<FundRow> {
    const [fund] = (await tx.query(`SELECT id, district_id, kind FROM fund WHERE id = $1`, [
      fundId,
    ])) as FundRow[];
    if (!fund) throw new NotFoundError(FUNDS_ERROR_CODES.fundNotFound);
    return fund;
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
        callOffRef: null,
        grantNoticeRef: null,
      };
    }

    const fund = await this.fund(tx, command.fundId);
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

    if (applicationId) await this.checkApplication(tx, fund, applicationId);
    if (trackedProjectId) await this.checkTrackedProject(tx, fund, trackedProjectId);
    return {
      posting,
      fund,
      applicationId,
      trackedProjectId,
      reversesEntryId: null,
      callOffRef: projectCommand?.callOffRef?.trim() || null,
      grantNoticeRef: projectCommand?.grantNoticeRef?.trim() || null,
    };
  }

  /** A Netzwerkfonds application is paid only by its own district's Netzwerkfonds. */
  private async checkApplication(tx: EntityManager, fund: FundRow, applicationId: string): Promise<void> {
    if (fund.kind !== 'netzwerkfonds') {
      throw new BusinessRuleError(FUNDS_ERROR_CODES.wrongFundKind, {
        fundKind: fund.kind,
        expected: 'netzwerkfonds',
      });
    }
    const [application] = (await tx.query(
      `SELECT c.district_id, c.fund_kind FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1`,
      [applicationId],
    )) as { district_id: string; fund_kind: FundKind }[];
    if (!application) throw new NotFoundError(FUNDS_ERROR_CODES.applicationNotFound);
    if (application.district_id !== fund.district_id || application.fund_kind !== fund.kind) {
      throw new BusinessRuleError(FUNDS_ERROR_CODES.projectNotInFund);
    }
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
