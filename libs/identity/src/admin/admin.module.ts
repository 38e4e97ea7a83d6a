import { Module } from '@nestjs/common';

/** User, role and organisation administration for admins and coordinators. */
@Module({})
export class AdminModule {}
