import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@kiezfonds/domain';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { ClientInfo } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { hashSecret, newSecret } from '../auth/tokens';

export const API_TOKEN_PREFIX = 'kf_pat_';
/** How much of a token is kept in clear, so its owner can tell tokens apart. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 5;

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * Personal API tokens for scripts: the secret is shown once at creation and only its SHA-256 hash
 * is stored, so neither a database dump nor the owner's later visits reveal it.
 */
@Injectable()
export class ApiTokensService {
  constructor(private readonly dataSource: DataSource) {}

  list(userId: string): Promise<ApiTokenSummary[]> {
    return this.dataSource.query(
      `SELECT id, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt"
       FROM api_token WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at, id`,
      [userId],
    );
  }

  async create(
    principal: Principal,
    name: string,
    client: ClientInfo,
  ): Promise<{ id: string; name: string; prefix: string; token: string; createdAt: Date }> {
    // A leaked token must not be able to mint fresh ones that outlive its revocation.
    if (principal.via !== 'session') throw new ForbiddenError('session_required');
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const prefix = token.slice(0, SHOWN_PREFIX_LENGTH);
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `INSERT INTO api_token (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4)
         RETURNING id, created_at`,
        [principal.userId, name, hashSecret(token), prefix],
      )) as { id: string; created_at: Date }[];
      await recordAudit(tx, {
        entityType: 'user',
        entityId: principal.userId,
        action: 'token_created',
        actorId: principal.userId,
        payload: { tokenId: row!.id },
        requestId: client.requestId,
      });
      return { id: row!.id, name, prefix, token, createdAt: row!.created_at };
    });
  }

  /** Another user's token, an unknown id and an already revoked token all answer 404. */
  async revoke(principal: Principal, tokenId: string, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const revoked = await queryRows<{ id: string }>(
        tx,
        `UPDATE api_token SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
         RETURNING id`,
        [tokenId, principal.userId],
      );
      if (revoked.length === 0) throw new NotFoundError();
      await recordAudit(tx, {
        entityType: 'user',
        entityId: principal.userId,
        action: 'token_revoked',
        actorId: principal.userId,
        payload: { tokenId },
        requestId: client.requestId,
      });
    });
  }
}
