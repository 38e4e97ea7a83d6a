import { Module } from '@nestjs/common';
import { ApiTokensService } from '../account/api-tokens.service';
import { SessionService } from '../auth/session.service';
import { ApiTokensAdminController } from './api-tokens.controller';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** User, role and organisation administration for admins and coordinators. */
@Module({
  controllers: [UsersController, OrganisationsController, ApiTokensAdminController],
  // SessionService holds no state, so this module's own instance revokes sessions like the core's.
  providers: [UsersService, OrganisationsService, SessionService, ApiTokensService],
})
export class AdminModule {}
