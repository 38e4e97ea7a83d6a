import type {
  BudgetDirection,
  FundKind,
  FundYearBalance,
  LedgerEntryKind,
  Money,
  ProjectEntryKind,
  ReversibleEntryKind,
} from '@kiezfonds/domain';

/** Who books and why; `requestId` links the audit event to the HTTP request. */
interface CommandBase {
  actorId: string;
  reason?: string | null;
  requestId?: string | null;
}

/** The budget of a fund and programme year as the Senate announced it. */
export interface BudgetCommand extends CommandBase {
  kind: 'budget';
  fundId: string;
  programmeYear: number;
  amount: Money;
}

/** A change of that budget, with the reason (required). */
export interface BudgetAmendmentCommand extends CommandBase {
  kind: 'budget_amendment';
  fundId: string;
  programmeYear: number;
  direction: BudgetDirection;
  amount: Money;
  reason: string;
}

/** A Netzwerkfonds application or a tracked project of one of the other funds. */
export type ProjectRef = { applicationId: string } | { trackedProjectId: string };

/** Money promised to, taken back from, paid to or paid back by one project. */
export interface ProjectEntryCommand extends CommandBase {
  kind: ProjectEntryKind;
  fundId: string;
  programmeYear: number;
  cashYear: number;
  amount: Money;
  project: ProjectRef;
  /** The call-off (Mittelabruf) a disbursement pays. */
  callOffRef?: string | null;
  /** The grant notice (Zuwendungsbescheid) a commitment rests on. */
  grantNoticeRef?: string | null;
}

/** Cancels one earlier entry in full; fund, years, amount and project are the entry's. */
export interface ReversalCommand extends CommandBase {
  kind: 'reversal';
  entryId: string;
  reason: string;
}

export type LedgerCommand = BudgetCommand | BudgetAmendmentCommand | ProjectEntryCommand | ReversalCommand;

/** One instalment of a grant: the amount planned for one cash year. */
export interface Instalment {
  cashYear: number;
  amount: Money;
}

export interface CommitForApplication {
  fundId: string;
  applicationId: string;
  programmeYear: number;
  /** One commitment entry per cash year (the notice's instalments); at least one. */
  instalments: readonly Instalment[];
  actorId: string;
  grantNoticeRef?: string | null;
  reason?: string | null;
  requestId?: string | null;
}

/** Counters of one fund and programme year with the figures derived from them. */
export interface FundYearFigures extends FundYearBalance {
  available: Money;
  paid: Money;
  outstanding: Money;
}

export interface PostedLedgerEntry {
  id: string;
  /** Booking order (a bigint, as a decimal string). */
  seq: string;
  createdAt: Date;
  districtId: string;
  fundId: string;
  fundKind: FundKind;
  programmeYear: number;
  cashYear: number;
  kind: LedgerEntryKind;
  direction: BudgetDirection | null;
  amount: Money;
  applicationId: string | null;
  trackedProjectId: string | null;
  reversesEntryId: string | null;
  reversedKind: ReversibleEntryKind | null;
  /** The fund year's balance right after this entry, in the same transaction. */
  balance: FundYearFigures;
}
