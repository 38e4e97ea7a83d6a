import { Injectable } from '@nestjs/common';
import { queryRows } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { Principal } from './principal';
import { loadPrincipal } from './session.service';
import { hashSecret } from './tokens';

/**
 * Personal API tokens act with their owner's permissions until they expire or are revoked. The
 * time of last use is kept to the minute: one statement finds the token and, at most once a
 * minute, touches it, so a script's burst of calls writes once.
 */
@Injectable()
export class ApiTokenResolver {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(token: string): Promise<Principal | null> {
    const [row] = await queryRows<{ id: string; user_id: string }>(
      this.dataSource,
      `WITH found AS (
         SELECT id, user_id, last_used_at FROM api_token
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
       ), touched AS (
         UPDATE api_token t SET last_used_at = now() FROM found
          WHERE t.id = found.id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
       )
       SELECT id, user_id FROM found`,
      [hashSecret(token)],
    );
    if (!row) return null;
    const principal = await loadPrincipal(this.dataSource, row.user_id, 'token');
    return principal && { ...principal, tokenId: row.id };
  }
}
