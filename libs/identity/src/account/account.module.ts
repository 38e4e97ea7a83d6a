import { Module } from '@nestjs/common';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { ApiTokensService } from './api-tokens.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** The signed-in user's own account: profile, settings, API tokens, notifications, data export. */
@Module({
  controllers: [AccountController, NotificationsController],
  providers: [AccountService, ApiTokensService, NotificationsService],
})
export class AccountModule {}
