import { CSRF_HEADER_DOC } from '@kiezfonds/platform';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Money, pickLocale } from '@kiezfonds/domain';
import { CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { BaseRateService } from '../interest/base-rate.service';
import { interestView } from '../interest/interest-view';

import { requestIdOf } from './download';
import { RepaymentInterestDto, SetBaseRateDto } from './dtos/interest.dto';
import { BaseRateDto, BaseRateListDto } from './dtos/answers.dto';

/**
 * The base-rate table and the repayment interest computed from it: 5 percentage points above the
 * base rate, line by line. The table is Berlin-wide data: finance staff of every district read
 * it, but only administrators change it, as a district's finance staff could otherwise change
 * the interest every other district claims. Every change is audited with the previous value.
 */
@ApiTags('funds')
@ApiCookieAuth()
@Controller()
export class BaseRatesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rates: BaseRateService,
  ) {}

  @Get('base-rates')
  @ApiOkResponse({ type: BaseRateListDto })
  @Roles('finance', 'admin')
  @ApiOperation({ summary: 'The base-rate table (Basiszinssatz, § 247 BGB), oldest first' })
  async list() {
    return { items: await this.rates.list() };
  }

  @Post('base-rates')
  @ApiCreatedResponse({ type: BaseRateDto })
  @Roles('admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary:
      'Record the base rate valid from a day, or correct it (the audit trail keeps the previous value)',
  })
  async set(@CurrentPrincipal() principal: Principal, @Body() body: SetBaseRateDto, @Req() request: Request) {
    await this.dataSource.transaction((tx) =>
      this.rates.set(tx, { ...body, actorId: principal.userId, requestId: requestIdOf(request) }),
    );
    return { validFrom: body.validFrom, rateBasisPoints: body.rateBasisPoints };
  }

  @Post('repayment-interest')
  @Roles('finance', 'admin')
  @HttpCode(200)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Interest on a repayment claim, line by line (5 points above the base rate, actual/365)',
    description:
      'Days from the payment day (inclusive) to the repayment day (exclusive), split where the base rate changes; ' +
      'each line rounded half up to cents. Each line carries a sentence in the caller’s language. ' +
      '422 `base_rate_missing` when the table does not reach back to the payment day. Computes only; records nothing.',
  })
  async interest(@Body() body: RepaymentInterestDto, @Req() request: Request) {
    const result = await this.rates.repaymentInterest({
      principal: Money.fromCents(body.principalCents),
      paidOn: body.paidOn,
      repaidOn: body.repaidOn,
    });
    return interestView(result, pickLocale(request.headers['accept-language']));
  }
}
