export {
  type ActionFieldBalanceView,
  type AreaBalanceView,
  type BalanceAudit,
  BalanceService,
  type CashYearFigures,
  type FundYearBalanceView,
} from './balances/balance.service';
export { FUNDS_ERROR_CODES, type FundsErrorCode, LedgerViolationError } from './funds.exception';
export { FundsModule } from './funds.module';
export { type CreateFund, type Fund, FundService } from './funds/fund.service';
export { BaseRateService } from './interest/base-rate.service';
export type {
  BudgetAmendmentCommand,
  BudgetCommand,
  CommitForApplication,
  FundYearFigures,
  Instalment,
  LedgerCommand,
  PostedLedgerEntry,
  ProjectEntryCommand,
  ProjectRef,
  ReversalCommand,
} from './ledger/ledger-command';
export { LedgerService } from './ledger/ledger.service';
