import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '@kiezfonds/domain';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { clientKey } from './client-key';

/**
 * The requests anyone can make that cost mail, hashing or an account (TRUST.md, "Bad input and
 * abuse"), each limited per client address and for the whole installation, so a flood of one
 * kind from many addresses still cannot mail without end, and one kind cannot use up another's
 * budget. Numbers and reasons: ADR 0009.
 */
export const REQUEST_LIMITS = {
  registration: { perClient: 20, overall: 300, windowSeconds: 3600 },
  invitation: { perClient: 60, overall: 1000, windowSeconds: 3600 },
  password_reset: { perClient: 20, overall: 500, windowSeconds: 3600 },
  link_use: { perClient: 30, overall: 1000, windowSeconds: 3600 },
} as const;

export type LimitedRequest = keyof typeof REQUEST_LIMITS;

const TABLE = 'rate_limit';

/** Counters live in PostgreSQL (table `rate_limit`), so every API instance shares them. */
@Injectable()
export class RequestLimits {
  private readonly limiters: Record<
    LimitedRequest,
    { perClient: RateLimiterPostgres; overall: RateLimiterPostgres }
  >;

  constructor(dataSource: DataSource) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPostgres({
        storeClient: dataSource,
        storeType: 'typeorm',
        tableName: TABLE,
        // The migration creates the table: the schema changes only by migrations.
        tableCreated: true,
        keyPrefix,
        points,
        duration,
      });
    this.limiters = Object.fromEntries(
      Object.entries(REQUEST_LIMITS).map(([kind, limit]) => [
        kind,
        {
          perClient: limiter(`${kind}:client`, limit.perClient, limit.windowSeconds),
          overall: limiter(`${kind}:all`, limit.overall, limit.windowSeconds),
        },
      ]),
    ) as RequestLimits['limiters'];
  }

  /** Counts one request of the kind from the address; 429 `too_many_requests` once over a limit. */
  async consume(kind: LimitedRequest, ip: string): Promise<void> {
    const { perClient, overall } = this.limiters[kind];
    // Client addresses are personal data: the table keeps a hash of the key, not the address.
    const key = createHash('sha256').update(clientKey(ip)).digest('hex').slice(0, 32);
    try {
      await perClient.consume(key);
      await overall.consume('all');
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new RateLimitedError('too_many_requests', { minutes: Math.ceil(seconds / 60) }, seconds);
      }
      throw rejection;
    }
  }
}
