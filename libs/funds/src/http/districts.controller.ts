import { IdParamDto } from '@kiezfonds/platform';
import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { DistrictBalanceService } from '../balances/district-balance.service';
import { ExportService } from '../exports/export.service';
import { XLSX_CONTENT_TYPE } from '../exports/xlsx';
import { currentBerlinYear, ProgrammeYearQueryDto } from './common';
import { CSV_CONTENT_TYPE, sendDownload } from './download';
import { DistrictBalancesDto } from './dtos/answers.dto';

/** A district's balances: overview of its funds, by area and by action field, and their exports. */
@ApiTags('funds')
@ApiCookieAuth()
@Controller('districts')
export class DistrictBalancesController {
  private readonly logger = new Logger(DistrictBalancesController.name);

  constructor(
    private readonly balances: DistrictBalanceService,
    private readonly exports: ExportService,
  ) {}

  @Get(':id/balances')
  @ApiOkResponse({ type: DistrictBalancesDto })
  @Roles('finance', 'admin', 'senate')
  @ApiOperation({
    summary: 'Balances of a district in a programme year: totals, per fund, by area and by action field',
    description: 'Another district answers 404. Without `programmeYear`, the current year in Berlin.',
  })
  overview(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: ProgrammeYearQueryDto,
  ) {
    return this.balances.overview(principal, params.id, query.programmeYear ?? currentBerlinYear());
  }

  @Get(':id/balances.csv')
  @Roles('finance', 'admin', 'senate')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'District balances as CSV (German formats): funds, areas and action fields in one table',
  })
  async csv(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: ProgrammeYearQueryDto,
    @Res() response: Response,
  ) {
    const { districtId, slug } = await this.balances.scoped(principal, params.id);
    const year = query.programmeYear ?? currentBerlinYear();
    await sendDownload(
      response,
      { name: `salden-${slug}-${year}.csv`, contentType: CSV_CONTENT_TYPE },
      this.logger,
      (out) => this.exports.districtBalancesCsv(out, districtId, year),
    );
  }

  @Get(':id/balances.xlsx')
  @Roles('finance', 'admin', 'senate')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({ summary: 'District balances as XLSX: sheets Fonds, Gebiete, Handlungsfelder' })
  async xlsx(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: ProgrammeYearQueryDto,
    @Res() response: Response,
  ) {
    const { districtId, slug } = await this.balances.scoped(principal, params.id);
    const year = query.programmeYear ?? currentBerlinYear();
    await sendDownload(
      response,
      { name: `salden-${slug}-${year}.xlsx`, contentType: XLSX_CONTENT_TYPE },
      this.logger,
      (out) => this.exports.districtBalancesXlsx(out, districtId, year),
    );
  }
}
