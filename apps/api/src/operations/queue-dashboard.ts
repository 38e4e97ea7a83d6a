import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@kiezfonds/config';
import { errorMessage, pickLocale } from '@kiezfonds/domain';
import { hasRole, SESSION_COOKIE, SessionService } from '@kiezfonds/identity';
import { QUEUES } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';
import { parse } from 'cookie';
import type { NextFunction, Request, Response } from 'express';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * Bull Board for admins: queue depths, failed jobs with their errors, and a button to re-run a
 * failed mail. It is an Express router beside Nest's routes, so it gets its own gate: a signed-in
 * admin, and for writes a same-origin request (its UI cannot send our CSRF header; the Lax session
 * cookie and the Origin check stop cross-site requests).
 */
export function mountQueueDashboard(app: NestExpressApplication, config: AppConfig): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'kiezfonds – Warteschlangen' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, adminsOnly(app, config), board.getRouter());
}

function adminsOnly(app: NestExpressApplication, config: AppConfig) {
  const origin = new URL(config.APP_URL).origin;
  return async (request: Request, response: Response, next: NextFunction) => {
    const refuse = (status: number, code: string) =>
      response.status(status).json({
        code,
        message: errorMessage(code, pickLocale(request.headers['accept-language'])),
        details: [],
      });
    try {
      const token = request.headers.cookie ? parse(request.headers.cookie)[SESSION_COOKIE] : undefined;
      const principal = token ? await app.get(SessionService).resolve(token) : null;
      if (!principal) return refuse(401, 'unauthenticated');
      if (!hasRole(principal, 'admin')) return refuse(403, 'forbidden');
      if (!['GET', 'HEAD'].includes(request.method) && request.headers.origin !== origin) {
        return refuse(403, 'csrf_failed');
      }
      // The dashboard's page runs inline scripts; relax the policy for it alone.
      response.setHeader(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      );
      next();
    } catch (error) {
      next(error);
    }
  };
}
