import { Module } from '@nestjs/common';
import { OutboxModule } from '@kiezfonds/messaging';
import { RequestLimits } from '../abuse/request-limits';
import { SessionService } from '../auth/session.service';
import { InvitationService } from './invitation.service';
import { InvitationsController } from './invitations.controller';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';

/**
 * Invitations, password reset and carriers' self-registration: the ways into an account other than
 * signing in. SessionService is provided here as well (it is stateless) because IdentityModule,
 * which owns it, imports this module.
 */
@Module({
  imports: [OutboxModule],
  controllers: [InvitationsController, PasswordResetController, RegistrationController],
  providers: [SessionService, InvitationService, PasswordResetService, RegistrationService, RequestLimits],
  exports: [InvitationService, PasswordResetService, RegistrationService],
})
export class InvitationsModule {}
