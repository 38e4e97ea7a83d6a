import { Module } from '@nestjs/common';

/** Invitations, password reset and carriers' self-registration (filled in by its own change). */
@Module({})
export class InvitationsModule {}
