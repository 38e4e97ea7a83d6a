import { Module } from '@nestjs/common';
import { BalanceService } from './balances/balance.service';
import { FundService } from './funds/fund.service';
import { BaseRateService } from './interest/base-rate.service';
import { LedgerService } from './ledger/ledger.service';

/**
 * Funds, their ledger and balances. Needs a `DataSource` provider (the platform's global
 * DatabaseModule). No controllers yet: the HTTP routes follow once identity has landed.
 */
@Module({
  providers: [BalanceService, BaseRateService, FundService, LedgerService],
  exports: [BalanceService, BaseRateService, FundService, LedgerService],
})
export class FundsModule {}
