import { Module } from '@nestjs/common';

/** The signed-in user's own account: profile, settings, API tokens, notifications, data export. */
@Module({})
export class AccountModule {}
