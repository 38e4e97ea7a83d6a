import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedRequest, isInstallationAdmin, Public } from '@kiezfonds/identity';
import { FailedNotices } from '@kiezfonds/messaging';
import { APP_CONFIG, QUEUES, queueBackendOf } from '@kiezfonds/platform';
import type { AppConfig } from '@kiezfonds/config';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const DOWN = Symbol('down');

@ApiTags('system')
@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
    @InjectQueue(QUEUES.reminders) private readonly remindersQueue: Queue,
    private readonly notices: FailedNotices,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @ApiOkResponse({ description: 'The process is alive.' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * For load balancers and the start script: answers 200 only when PostgreSQL and the queues do
   * (`redis`, or `queues` when they live in PostgreSQL, ADR 0015). It says
   * `degraded` (still 200: the app serves) while notices have failed for good and wait for an
   * administrator's retry. The counts, queue depths and failures are for the installation's
   * administrators only.
   */
  @Get('ready')
  @ApiOkResponse({
    description: 'PostgreSQL and the queues (Redis) answer; `details` only for installation admins.',
  })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency does not answer.' })
  async ready(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const [outbox, queues] = await Promise.all([
      probe(() => this.notices.counts()),
      probe(async () => ({
        [QUEUES.mail]: await this.mailQueue.getJobCounts(...JOB_STATES),
        [QUEUES.reminders]: await this.remindersQueue.getJobCounts(...JOB_STATES),
      })),
    ]);
    const queueCheck = queueBackendOf(this.config) === 'redis' ? 'redis' : 'queues';
    const checks = {
      database: outbox === DOWN ? 'down' : 'up',
      [queueCheck]: queues === DOWN ? 'down' : 'up',
    };
    const ok = checks.database === 'up' && checks[queueCheck] === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    const failing = outbox !== DOWN && outbox.failed > 0;
    const status = !ok ? 'unavailable' : failing ? 'degraded' : 'ok';
    const operator =
      request.principal !== undefined &&
      checks.database === 'up' &&
      (await isInstallationAdmin(this.dataSource, request.principal).catch(() => false));
    if (!operator) return { status, checks };
    // Depths and failures let operators see a stuck relay or a failing SMTP relay at a glance.
    return {
      status,
      checks,
      details: { outbox: outbox === DOWN ? null : outbox, queues: queues === DOWN ? null : queues },
    };
  }
}

async function probe<T>(check: () => Promise<T>, timeoutMs = 2_000): Promise<T | typeof DOWN> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch {
    return DOWN;
  } finally {
    clearTimeout(timer);
  }
}
