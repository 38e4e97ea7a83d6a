import { Module } from '@nestjs/common';
import { AreaFiguresService } from './areas/area-figures.service';
import { AreasController } from './http/areas.controller';
import { BalanceService } from './balances/balance.service';
import { DistrictBalanceService } from './balances/district-balance.service';
import { DistrictReferenceService } from './districts/district-reference.service';
import { DoubleFundingService } from './double-funding/double-funding.service';
import { ExportService } from './exports/export.service';
import { FundDirectoryService } from './funds/fund-directory.service';
import { FundService } from './funds/fund.service';
import { BaseRatesController } from './http/base-rates.controller';
import { DistrictReferenceController } from './http/district-reference.controller';
import { DistrictBalancesController } from './http/districts.controller';
import { DoubleFundingController } from './http/double-funding.controller';
import { FundsController } from './http/funds.controller';
import { LedgerController } from './http/ledger.controller';
import { BaseRateService } from './interest/base-rate.service';
import { BookingService } from './ledger/booking.service';
import { LedgerQueryService } from './ledger/ledger-query.service';
import { LedgerService } from './ledger/ledger.service';
import { TrackedProjectService } from './projects/tracked-project.service';

/**
 * Funds, their ledger, balances, exports and the double-funding check, with their HTTP routes
 * (docs/api/funds.md). Needs a `DataSource` provider (the platform's global DatabaseModule) and,
 * in the API, the identity module's access guard, which every route here declares its roles for.
 */
@Module({
  controllers: [
    FundsController,
    LedgerController,
    DistrictBalancesController,
    DistrictReferenceController,
    BaseRatesController,
    DoubleFundingController,
    AreasController,
  ],
  providers: [
    AreaFiguresService,
    BalanceService,
    BaseRateService,
    BookingService,
    DistrictBalanceService,
    DistrictReferenceService,
    DoubleFundingService,
    ExportService,
    FundDirectoryService,
    FundService,
    LedgerQueryService,
    LedgerService,
    TrackedProjectService,
  ],
  exports: [BalanceService, BaseRateService, DoubleFundingService, FundService, LedgerService],
})
export class FundsModule {}
