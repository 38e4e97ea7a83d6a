import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@kiezfonds/config';
import { errorMessage, pickLocale } from '@kiezfonds/domain';
import { isInstallationAdmin, SESSION_COOKIE, SessionService } from '@kiezfonds/identity';
import { QUEUES } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';
import { parse } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** What the dashboard shows of a job's data: its kind, never names, addresses or keys. */
export function jobSummary(data: unknown): { kind?: unknown } {
  return typeof data === 'object' && data !== null && 'kind' in data ? { kind: data.kind } : {};
}

/**
 * Bull Board for the installation's administrators: queue depths, failed jobs with their errors,
 * and a button to re-run a failed mail, on either queue backend (Bull Board reads BullMQ's
 * PostgreSQL backend too, ADR 0015). Job data is reduced to the notice's kind: a notice names
 * its recipient, and the queues hold every district's notices. It is off in production unless
 * QUEUE_DASHBOARD=on. It is an Express router beside Nest's routes, so it gets its own gate: a
 * signed-in administrator of every district, and for writes a same-origin request (its UI cannot
 * send our CSRF header; the Lax session cookie and the Origin check stop cross-site requests).
 */
export function mountQueueDashboard(app: NestExpressApplication, config: AppConfig): void {
  if (config.QUEUE_DASHBOARD === 'off') return;
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => {
      const adapter = new BullMQAdapter(app.get<Queue>(getQueueToken(name)));
      adapter.setFormatter('data', jobSummary);
      return adapter;
    }),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'kiezfonds – Warteschlangen' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, installationAdminsOnly(app, config), board.getRouter());
}

function installationAdminsOnly(app: NestExpressApplication, config: AppConfig) {
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
      if (!(await isInstallationAdmin(app.get(DataSource), principal))) return refuse(403, 'forbidden');
      if (!['GET', 'HEAD'].includes(request.method) && request.headers.origin !== origin) {
        return refuse(403, 'csrf_failed');
      }
      response.setHeader('Cache-Control', 'no-store');
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
