import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import { APP_GUARD } from '@nestjs/core';
import { OutboxModule } from '@kiezfonds/messaging';
import { AccessGuard } from './auth/access.guard';
import { ApiTokenResolver } from './auth/api-token.resolver';
import { AuthService } from './auth/auth.service';
import { DEVICE_COOKIES_PROVIDER } from './auth/device-cookie.provider';
import { SessionService } from './auth/session.service';
import { AccountModule } from './account/account.module';
import { AdminModule } from './admin/admin.module';
import { AuthController } from './http/auth.controller';
import { InvitationsModule } from './invitations/invitations.module';
import { PASSWORD_HASHING } from './passwords/password-policy';

/** Sign-in, sessions and the access guard that every route of the API passes. */
@Module({
  imports: [OutboxModule, InvitationsModule, AccountModule, AdminModule],
  controllers: [AuthController],
  providers: [
    SessionService,
    ApiTokenResolver,
    AuthService,
    DEVICE_COOKIES_PROVIDER,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [SessionService, AuthService],
})
export class IdentityModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    PASSWORD_HASHING.resize(this.config.PASSWORD_HASH_CONCURRENCY, this.config.PASSWORD_HASH_QUEUE);
  }
}
