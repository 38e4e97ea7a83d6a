import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ForbiddenError } from '@kiezfonds/domain';
import { CurrentPrincipal, isInstallationAdmin, type Principal, Roles } from '@kiezfonds/identity';
import { FailedNotices } from '@kiezfonds/messaging';
import { DataSource } from 'typeorm';

class NoticeCountsDto {
  @ApiProperty({ description: 'Notices committed but not yet handed to the queue' })
  pending!: number;

  @ApiProperty({ description: 'Notices whose retries ran out (about 29 hours by default)' })
  failed!: number;
}

class RetriedNoticesDto {
  @ApiProperty({ description: 'How many failed notices go back to the queue with a fresh retry budget' })
  retried!: number;
}

/**
 * Failed notices for the installation's administrators: they span every district, like the queue
 * dashboard, so a district's admin does not see them. One action retries all of them.
 */
@ApiTags('administration')
@ApiCookieAuth()
@Controller('admin/notices')
export class FailedNoticesController {
  constructor(
    private readonly notices: FailedNotices,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: NoticeCountsDto })
  @ApiOperation({ summary: 'Counts of pending and failed notices (installation administrators)' })
  async counts(@CurrentPrincipal() principal: Principal): Promise<NoticeCountsDto> {
    await this.installationAdmin(principal);
    return this.notices.counts();
  }

  @Post('retry-failed')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: RetriedNoticesDto })
  @ApiOperation({ summary: 'Retry every failed notice at once (installation administrators)' })
  async retryFailed(@CurrentPrincipal() principal: Principal): Promise<RetriedNoticesDto> {
    await this.installationAdmin(principal);
    return this.notices.retryAll(principal.userId);
  }

  private async installationAdmin(principal: Principal): Promise<void> {
    if (!(await isInstallationAdmin(this.dataSource, principal))) throw new ForbiddenError();
  }
}
