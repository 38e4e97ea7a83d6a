import { Injectable } from '@nestjs/common';
import { queryRows } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { Principal } from './principal';
import { PRINCIPAL_COLUMNS, type PrincipalRow, principalOf } from './session.service';
import { hashSecret } from './tokens';

/**
 * Personal API tokens act with their owner's permissions until they expire or are revoked. The
 * time of last use is kept to the minute: one statement finds the token and, at most once a
 * minute, touches it, so a script's burst of calls writes once; the same statement reads the
 * owner with roles and organisations.
 */
@Injectable()
export class ApiTokenResolver {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(token: string): Promise<Principal | null> {
    const [row] = await queryRows<PrincipalRow & { token_id: string }>(
      this.dataSource,
      `WITH found AS (
         SELECT t.id, t.user_id, t.last_used_at FROM api_token t JOIN app_user u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.status = 'active'
       ), touched AS (
         UPDATE api_token t SET last_used_at = now() FROM found
          WHERE t.id = found.id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
       )
       SELECT found.id AS token_id, ${PRINCIPAL_COLUMNS} FROM found JOIN app_user u ON u.id = found.user_id`,
      [hashSecret(token)],
    );
    return row ? { ...principalOf(row, 'token'), tokenId: row.token_id } : null;
  }
}
