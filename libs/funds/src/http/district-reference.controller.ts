import { IdParamDto } from '@kiezfonds/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@kiezfonds/identity';
import { DistrictReferenceService } from '../districts/district-reference.service';

import { ActionFieldListDto, DistrictAreaListDto } from './dtos/answers.dto';

/** Areas and action fields of a district: reference data for forms, readable by every signed-in user. */
@ApiTags('funds')
@ApiCookieAuth()
@Controller('districts')
export class DistrictReferenceController {
  constructor(private readonly reference: DistrictReferenceService) {}

  @Get(':id/areas')
  @ApiOkResponse({ type: DistrictAreaListDto })
  @Authenticated()
  @ApiOperation({
    summary: "A district's areas (QM areas, Aktionsräume and the LOR planning grid), by name",
    description: 'Public facts of the programme: any signed-in user, any district. Unknown district: 404.',
  })
  areas(@Param() params: IdParamDto) {
    return this.reference.areas(params.id);
  }

  @Get(':id/action-fields')
  @ApiOkResponse({ type: ActionFieldListDto })
  @Authenticated()
  @ApiOperation({
    summary: "A district's action fields (Handlungsfelder), by name",
    description: 'Public facts of the programme: any signed-in user, any district. Unknown district: 404.',
  })
  actionFields(@Param() params: IdParamDto) {
    return this.reference.actionFields(params.id);
  }
}
