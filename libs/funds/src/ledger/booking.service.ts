import { Injectable } from '@nestjs/common';
import { BusinessRuleError, type ErrorDetail, Money, ValidationError } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { type FiguresJson, figuresJson } from '../balances/figures-json';
import { FUNDS_ERROR_CODES } from '../funds.exception';
import type { BookEntryDto } from '../http/dtos/ledger.dto';
import { FundScope } from '../scope/fund-scope';
import type { LedgerCommand } from './ledger-command';
import { type LedgerEntryView, LedgerQueryService } from './ledger-query.service';
import { LedgerService } from './ledger.service';

export interface BookingResult {
  entry: LedgerEntryView;
  /** The fund year's balance right after the entry. */
  balance: FiguresJson & { fundId: string; programmeYear: number };
}

/** Fields a booking of the kind must not carry, and those it needs. */
const BUDGET_ONLY_REFUSES = ['cashYear', 'trackedProjectId', 'callOffRef', 'grantNoticeRef'] as const;

/**
 * Bookings by hand (finance staff and admins): budgets and budget amendments of every fund, and
 * the project money of the tracked funds. Each booking is one transaction around
 * `LedgerService.post`, which locks the fund year, checks the invariants and writes the audit
 * event. Netzwerkfonds project money is refused here: only the application workflow commits,
 * pays and takes it back, so the ledger always matches the grant notices and call-offs.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly entries: LedgerQueryService,
  ) {}

  async book(
    principal: Principal,
    fundId: string,
    input: BookEntryDto,
    requestId: string | null,
    idempotencyKey?: string,
  ): Promise<BookingResult> {
    const scope = FundScope.of(principal);
    const idempotent = { userId: principal.userId, key: idempotencyKey, scope: `ledger-booking:${fundId}` };
    return runIdempotent(
      this.dataSource,
      { ...idempotent, hash: requestHash(idempotent.scope, input) },
      async (tx) => {
        const fund = await scope.fund(tx, fundId);
        const common = {
          fundId: fund.id,
          programmeYear: input.programmeYear,
          amount: Money.fromCents(input.amountCents),
          actorId: principal.userId,
          reason: input.reason || null,
          requestId,
        };
        const problems: ErrorDetail[] = [];
        let command: LedgerCommand;
        if (input.kind === 'budget' || input.kind === 'budget_amendment') {
          for (const field of BUDGET_ONLY_REFUSES) {
            if (input[field] !== undefined) problems.push({ field, rule: 'unknown_field' });
          }
          if (input.applicationId !== undefined)
            problems.push({ field: 'applicationId', rule: 'unknown_field' });
          if (input.kind === 'budget' && input.direction !== undefined)
            problems.push({ field: 'direction', rule: 'unknown_field' });
          if (input.kind === 'budget_amendment') {
            if (!input.direction) problems.push({ field: 'direction', rule: 'required' });
            if (!input.reason) problems.push({ field: 'reason', rule: 'required' });
          }
          if (problems.length > 0) throw new ValidationError(problems);
          command =
            input.kind === 'budget'
              ? { kind: 'budget', ...common }
              : { kind: 'budget_amendment', ...common, direction: input.direction!, reason: input.reason! };
        } else {
          // Before any field check: whoever tries this needs the rule, not a list of missing fields.
          if (fund.kind === 'netzwerkfonds' || input.applicationId !== undefined) {
            throw new BusinessRuleError(FUNDS_ERROR_CODES.netzwerkfondsCommitByWorkflow);
          }
          if (input.cashYear === undefined) problems.push({ field: 'cashYear', rule: 'required' });
          if (input.trackedProjectId === undefined)
            problems.push({ field: 'trackedProjectId', rule: 'required' });
          if (input.direction !== undefined) problems.push({ field: 'direction', rule: 'unknown_field' });
          if (problems.length > 0) throw new ValidationError(problems);
          command = {
            kind: input.kind,
            ...common,
            cashYear: input.cashYear!,
            project: { trackedProjectId: input.trackedProjectId! },
            callOffRef: input.callOffRef ?? null,
            grantNoticeRef: input.grantNoticeRef ?? null,
          };
        }
        const posted = await this.ledger.post(tx, command);
        return {
          entry: await this.entries.get(posted.id, tx),
          balance: { fundId: fund.id, programmeYear: posted.programmeYear, ...figuresJson(posted.balance) },
        };
      },
    );
  }

  /**
   * Cancels an entry in full with a reversing entry (never an edit). Entries of Netzwerkfonds
   * applications belong to the workflow and are corrected there.
   */
  async reverse(
    principal: Principal,
    entryId: string,
    reason: string,
    requestId: string | null,
    idempotencyKey?: string,
  ): Promise<BookingResult> {
    const scope = FundScope.of(principal);
    const idempotent = { userId: principal.userId, key: idempotencyKey, scope: `ledger-reversal:${entryId}` };
    return runIdempotent(
      this.dataSource,
      { ...idempotent, hash: requestHash(idempotent.scope, { reason }) },
      async (tx) => {
        const entry = await scope.entry(tx, entryId);
        if (entry.applicationId) throw new BusinessRuleError(FUNDS_ERROR_CODES.netzwerkfondsCommitByWorkflow);
        const posted = await this.ledger.post(tx, {
          kind: 'reversal',
          entryId: entry.id,
          reason,
          actorId: principal.userId,
          requestId,
        });
        return {
          entry: await this.entries.get(posted.id, tx),
          balance: {
            fundId: posted.fundId,
            programmeYear: posted.programmeYear,
            ...figuresJson(posted.balance),
          },
        };
      },
    );
  }
}
