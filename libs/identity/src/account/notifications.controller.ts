import { CSRF_HEADER_DOC, IdParamDto, PageQueryDto } from '@kiezfonds/platform';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';

import { NotificationPageDto } from './dtos/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's in-app notifications; another user's notification answers 404. */
@ApiTags('notifications')
@ApiCookieAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The own notifications, newest first, with the number of unread ones' })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    return this.notifications.list(principal.userId, query);
  }

  @Post('read-all')
  @Authenticated()
  @HttpCode(204)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Mark every own notification as read' })
  async readAll(@CurrentPrincipal() principal: Principal) {
    await this.notifications.markAllRead(principal.userId);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(204)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Mark one own notification as read' })
  async read(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    await this.notifications.markRead(principal.userId, params.id);
  }
}
