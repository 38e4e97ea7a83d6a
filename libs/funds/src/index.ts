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
export { FundDirectoryService } from './funds/fund-directory.service';
export { BookingService } from './ledger/booking.service';
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
export { isCounterConflict, LedgerService } from './ledger/ledger.service';
export {
  DOUBLE_FUNDING_WARNING,
  type DoubleFundingActor,
  type DoubleFundingMatch,
  type DoubleFundingReport,
  DoubleFundingService,
  type RecordedDoubleFundingWarning,
} from './double-funding/double-funding.service';
export { DOUBLE_FUNDING_ROLES, FUND_STAFF_ROLES, FundScope } from './scope/fund-scope';
export {
  IsCalendarDate,
  IsCents,
  IsInstant,
  isCalendarDate,
  isInstant,
  isPositiveCents,
  NotBefore,
  ProgrammeYearQueryDto,
  Trim,
} from './http/common';
export { formatBasisPoints, interestView } from './interest/interest-view';
export { CSV_BOM, csvLine, csvText, euroNumber, germanDate, germanDecimal } from './exports/german-format';
export { EURO_FORMAT, XLSX_CONTENT_TYPE } from './exports/xlsx';
export { FUND_KIND_LABELS } from './exports/labels';
export { CSV_CONTENT_TYPE, sendDownload } from './http/download';
