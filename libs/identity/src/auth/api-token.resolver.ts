import { Injectable } from '@nestjs/common';
import { queryRows } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { Principal } from './principal';
import { loadPrincipal } from './session.service';
import { hashSecret } from './tokens';

/** Personal API tokens act with their owner's permissions; each use is recorded. */
@Injectable()
export class ApiTokenResolver {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(token: string): Promise<Principal | null> {
    const [row] = await queryRows<{ id: string; user_id: string }>(
      this.dataSource,
      `UPDATE api_token SET last_used_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, user_id`,
      [hashSecret(token)],
    );
    if (!row) return null;
    const principal = await loadPrincipal(this.dataSource, row.user_id, 'token');
    return principal && { ...principal, tokenId: row.id };
  }
}
