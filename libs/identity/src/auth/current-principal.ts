import { createParamDecorator, type ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { AuthenticatedRequest } from './access.guard';
import type { Principal } from './principal';

/** The caller of an authenticated route (the guard has resolved it). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new HttpException('unauthenticated', HttpStatus.UNAUTHORIZED);
  return principal;
});
