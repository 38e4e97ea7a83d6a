import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { QUEUES } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

type Check = 'up' | 'down';

@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
  ) {}

  @Get('health')
  @ApiOkResponse({ description: 'The process is alive.' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** For load balancers and the start script: answers 200 only when PostgreSQL and Redis do. */
  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer.' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency does not answer.' })
  async ready(@Res({ passthrough: true }) response: Response) {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.mailQueue.getJobCounts('waiting')),
    ]);
    const ok = database === 'up' && redis === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, redis } };
  }
}

async function probe(check: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
