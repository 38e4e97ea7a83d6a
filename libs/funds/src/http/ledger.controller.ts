import { CSRF_HEADER_DOC, IDEMPOTENCY_HEADER_DOC } from '@kiezfonds/platform';
import { Body, Controller, Headers, Param, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { BookingService } from '../ledger/booking.service';
import { EntryIdParamDto } from './common';
import { requestIdOf } from './download';
import { ReverseEntryDto } from './dtos/ledger.dto';
import { BookedDto } from './dtos/answers.dto';

/** Corrections of the ledger: a reversing entry, never an edit. */
@ApiTags('funds')
@ApiCookieAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly bookings: BookingService) {}

  @Post(':entryId/reversal')
  @ApiCreatedResponse({ type: BookedDto })
  @Roles('finance', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: 'Reverse an entry in full, with a reason',
    description:
      'Books a reversal that mirrors the entry. 422 `entry_already_reversed`, `reversal_not_reversible`, ' +
      '`budget_exceeded` (a budget cannot be taken back below what is committed), and ' +
      '`netzwerkfonds_commit_by_workflow` for entries of Netzwerkfonds applications.',
  })
  reverse(
    @CurrentPrincipal() principal: Principal,
    @Param() params: EntryIdParamDto,
    @Body() body: ReverseEntryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.bookings.reverse(
      principal,
      params.entryId,
      body.reason,
      requestIdOf(request),
      idempotencyKey,
    );
  }
}
