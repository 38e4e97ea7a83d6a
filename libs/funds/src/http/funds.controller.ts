import {
  CSRF_HEADER_DOC,
  IDEMPOTENCY_HEADER_DOC,
  IdParamDto,
  PageQueryDto,
  pageOf,
} from '@kiezfonds/platform';
import { Body, Controller, Get, Headers, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { BalanceService } from '../balances/balance.service';
import { fundYearJson } from '../balances/figures-json';
import { ExportService } from '../exports/export.service';
import { fileSlug } from '../exports/german-format';
import { XLSX_CONTENT_TYPE } from '../exports/xlsx';
import { FundDirectoryService } from '../funds/fund-directory.service';
import { BookingService } from '../ledger/booking.service';
import { type LedgerFilter, LedgerQueryService } from '../ledger/ledger-query.service';
import { TrackedProjectService } from '../projects/tracked-project.service';
import { currentBerlinYear, FundYearParamDto } from './common';
import { CSV_CONTENT_TYPE, requestIdOf, sendDownload } from './download';
import { CreateFundDto, ListFundsQueryDto } from './dtos/funds.dto';
import { BookEntryDto, LedgerFilterQueryDto, LedgerPageQueryDto } from './dtos/ledger.dto';
import { CarrierQueryDto, CreateTrackedProjectDto } from './dtos/projects.dto';
import {
  BookedDto,
  CarrierPageDto,
  FundDto,
  FundListDto,
  FundYearDto,
  LedgerPageDto,
  TrackedProjectDto,
  TrackedProjectPageDto,
} from './dtos/answers.dto';

function filterOf(query: LedgerFilterQueryDto): LedgerFilter {
  return {
    programmeYear: query.programmeYear,
    cashYear: query.cashYear,
    kind: query.kind,
    trackedProjectId: query.trackedProjectId,
    applicationId: query.applicationId,
  };
}

/** Years in a ledger export's file name, when the filter names them. */
function yearsPart(filter: LedgerFilter): string {
  return [filter.programmeYear && `pj${filter.programmeYear}`, filter.cashYear && `kj${filter.cashYear}`]
    .filter(Boolean)
    .map((part) => `-${part}`)
    .join('');
}

/**
 * Funds, their ledgers, balances, tracked projects and exports (docs/api/funds.md). Finance staff
 * and admins of a district, for that district's funds only: another district's fund answers 404.
 */
@ApiTags('funds')
@ApiCookieAuth()
@Controller('funds')
export class FundsController {
  private readonly logger = new Logger(FundsController.name);

  constructor(
    private readonly directory: FundDirectoryService,
    private readonly balances: BalanceService,
    private readonly bookings: BookingService,
    private readonly ledger: LedgerQueryService,
    private readonly projects: TrackedProjectService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @ApiOkResponse({ type: FundListDto })
  @Roles('finance', 'admin', 'senate')
  @ApiOperation({
    summary: "The funds of the caller's districts, each with its balance in the programme year",
    description:
      'Without `programmeYear`, the current year in Berlin. A `districtId` outside the own districts answers 404.',
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListFundsQueryDto) {
    const page = pageOf(query);
    const programmeYear = query.programmeYear ?? currentBerlinYear();
    const result = await this.directory.list(principal, programmeYear, query, page);
    return { ...result, page: page.page, pageSize: page.pageSize, programmeYear };
  }

  @Post()
  @ApiCreatedResponse({ type: FundDto })
  @Roles('finance', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary:
      'Create a fund: the Netzwerkfonds of a district, or an Aktions-, Projekt- or Baufonds of a QM area',
    description: '422 `fund_exists` when the district (and area) has that fund already.',
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateFundDto, @Req() request: Request) {
    return this.directory.create(principal, body, requestIdOf(request));
  }

  @Get(':id')
  @ApiOkResponse({ type: FundDto })
  @Roles('finance', 'admin', 'senate')
  @ApiOperation({ summary: 'One fund' })
  get(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.directory.get(principal, params.id);
  }

  @Get(':id/years/:year')
  @ApiOkResponse({ type: FundYearDto })
  @Roles('finance', 'admin', 'senate')
  @ApiOperation({
    summary: 'Balance of a fund in a programme year, with planned against paid per cash year',
    description: 'All figures in cents as decimal strings; zero when nothing is booked for the year.',
  })
  async year(@CurrentPrincipal() principal: Principal, @Param() params: FundYearParamDto) {
    const fund = await this.directory.readable(principal, params.id);
    return fundYearJson(await this.balances.fundYear(fund.id, params.year));
  }

  @Get(':id/years/:year/report.xlsx')
  @Roles('finance', 'admin', 'senate')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({ summary: 'Yearly report of a fund (XLSX): summary with cash years, projects, entries' })
  async report(
    @CurrentPrincipal() principal: Principal,
    @Param() params: FundYearParamDto,
    @Res() response: Response,
  ) {
    const fund = await this.directory.readable(principal, params.id);
    await sendDownload(
      response,
      { name: `jahresbericht-${fileSlug(fund.name)}-${params.year}.xlsx`, contentType: XLSX_CONTENT_TYPE },
      this.logger,
      (out) => this.exports.fundYearReportXlsx(out, fund, params.year),
    );
  }

  @Get(':id/ledger')
  @ApiOkResponse({ type: LedgerPageDto })
  @Roles('finance', 'admin')
  @ApiOperation({ summary: 'Ledger entries of a fund, newest first; filterable and paginated' })
  async entries(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: LedgerPageQueryDto,
  ) {
    const fund = await this.directory.scoped(principal, params.id);
    const page = pageOf(query);
    const result = await this.ledger.page(fund.id, filterOf(query), page);
    return { ...result, page: page.page, pageSize: page.pageSize };
  }

  @Get(':id/ledger.csv')
  @Roles('finance', 'admin')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Ledger of a fund as CSV (German: `;`, decimal comma, dates 22.11.2026, UTF-8 with BOM)',
    description: 'Same filters as the list, all entries in booking order, streamed.',
  })
  async ledgerCsv(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: LedgerFilterQueryDto,
    @Res() response: Response,
  ) {
    const fund = await this.directory.scoped(principal, params.id);
    const filter = filterOf(query);
    await sendDownload(
      response,
      { name: `buchungen-${fileSlug(fund.name)}${yearsPart(filter)}.csv`, contentType: CSV_CONTENT_TYPE },
      this.logger,
      (out) => this.exports.ledgerCsv(out, fund, filter),
    );
  }

  @Get(':id/ledger.xlsx')
  @Roles('finance', 'admin')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({
    summary: 'Ledger of a fund as XLSX (amounts as numbers in euros, dates as dates)',
    description: 'Same filters as the list, all entries in booking order, streamed.',
  })
  async ledgerXlsx(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: LedgerFilterQueryDto,
    @Res() response: Response,
  ) {
    const fund = await this.directory.scoped(principal, params.id);
    const filter = filterOf(query);
    await sendDownload(
      response,
      { name: `buchungen-${fileSlug(fund.name)}${yearsPart(filter)}.xlsx`, contentType: XLSX_CONTENT_TYPE },
      this.logger,
      (out) => this.exports.ledgerXlsx(out, fund, filter),
    );
  }

  @Post(':id/ledger')
  @ApiCreatedResponse({ type: BookedDto })
  @Roles('finance', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: 'Book a budget, a budget amendment, or project money of a tracked project',
    description:
      'Answers the entry and the fund year balance after it. 422 `budget_exceeded`, ' +
      '`disbursement_exceeds_commitment`, `repayment_exceeds_disbursement` when an invariant would break; ' +
      '422 `netzwerkfonds_commit_by_workflow` for project money of the Netzwerkfonds.',
  })
  book(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: BookEntryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.bookings.book(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Get(':id/projects')
  @ApiOkResponse({ type: TrackedProjectPageDto })
  @Roles('finance', 'admin')
  @ApiOperation({ summary: 'Tracked projects of an Aktions-, Projekt- or Baufonds, with their money so far' })
  async listProjects(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: PageQueryDto,
  ) {
    const page = pageOf(query);
    const result = await this.projects.list(principal, params.id, page);
    return { ...result, page: page.page, pageSize: page.pageSize };
  }

  @Get(':id/carriers')
  @ApiOkResponse({ type: CarrierPageDto })
  @Roles('finance', 'admin')
  @ApiOperation({
    summary: 'Carriers a project of this fund may be recorded for (all organisations, names only), by name',
    description: "`q` finds a part of the name. Another district's fund answers 404.",
  })
  async carriers(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: CarrierQueryDto,
  ) {
    const page = pageOf(query);
    const result = await this.projects.carriers(principal, params.id, query.q || undefined, page);
    return { ...result, page: page.page, pageSize: page.pageSize };
  }

  @Post(':id/projects')
  @ApiCreatedResponse({ type: TrackedProjectDto })
  @Roles('finance', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Record a project of an Aktions-, Projekt- or Baufonds',
    description: '422 `wrong_fund_kind` for the Netzwerkfonds, whose projects are applications.',
  })
  createProject(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: CreateTrackedProjectDto,
    @Req() request: Request,
  ) {
    return this.projects.create(principal, params.id, body, requestIdOf(request));
  }
}
