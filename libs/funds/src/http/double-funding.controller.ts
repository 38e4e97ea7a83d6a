import { IdParamDto } from '@kiezfonds/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { DoubleFundingService } from '../double-funding/double-funding.service';

import { DoubleFundingReportDto } from './dtos/answers.dto';

@ApiTags('funds')
@ApiCookieAuth()
@Controller('applications')
export class DoubleFundingController {
  constructor(private readonly doubleFunding: DoubleFundingService) {}

  @Get(':id/double-funding')
  @Roles('coordinator', 'finance', 'admin')
  @ApiOperation({
    summary:
      "Tracked projects of the application's carrier whose period overlaps the application's (double-funding warning)",
    description:
      "For staff of the application's district (others 404). Lists the current matches and the warnings recorded " +
      'when the application was submitted or approved. Projects of other districts show only kind, district and period.',
  })
  @ApiOkResponse({ type: DoubleFundingReportDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<DoubleFundingReportDto> {
    return this.doubleFunding.view(principal, params.id);
  }
}
