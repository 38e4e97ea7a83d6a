import { Injectable } from '@nestjs/common';
import { RateLimitedError, UnauthenticatedError } from '@kiezfonds/domain';
import { OutboxService } from '@kiezfonds/messaging';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { verifyPassword } from '../passwords/password-policy';
import {
  accountKey,
  addressKey,
  clearFailures,
  lockedUntil,
  recordFailure,
  THROTTLE,
} from './login-throttle';
import { loadPrincipal, SessionService } from './session.service';
import type { Principal } from './principal';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
  requestId?: string;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
  password_hash: string | null;
  status: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
  ) {}

  async login(
    email: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ principal: Principal; token: string; csrfToken: string }> {
    const keys = [accountKey(email), addressKey(client.ip)];
    const locked = await lockedUntil(this.dataSource.manager, keys);
    if (locked) throw lockedError(locked);

    const [user] = (await this.dataSource.query(
      `SELECT id, email, display_name, language, password_hash, status FROM app_user WHERE lower(email) = lower($1)`,
      [email.trim()],
    )) as UserRow[];
    const valid = await verifyPassword(user?.status === 'active' ? user.password_hash : null, password);

    if (!valid || !user) {
      const lockedNow = await this.dataSource.transaction(async (tx) => {
        const account = await recordFailure(tx, keys[0]!, THROTTLE.accountLimit);
        const address = await recordFailure(tx, keys[1]!, THROTTLE.addressLimit);
        await recordAudit(tx, {
          entityType: 'user',
          entityId: user?.id ?? 'unknown',
          action: 'login_failed',
          actorId: user?.id ?? null,
          // No IP address: the trail is kept for good, a client address only as long as the throttle needs it.
          payload: { accountLocked: account.lockedUntil !== null },
          requestId: client.requestId,
        });
        if (account.lockedUntil && user) {
          await this.outbox.addNotice(tx, `account-locked:${user.id}:${account.lockedUntil.toISOString()}`, {
            kind: 'account_locked',
            recipient: { userId: user.id, email: user.email, name: user.display_name, locale: user.language },
            data: { lockedUntil: account.lockedUntil.toISOString() },
            link: '/passwort-vergessen',
          });
        }
        return account.lockedUntil ?? address.lockedUntil;
      });
      if (lockedNow) throw lockedError(lockedNow);
      throw new UnauthenticatedError('invalid_credentials');
    }

    return this.dataSource.transaction(async (tx) => {
      await clearFailures(tx, keys[0]!);
      const session = await this.sessions.create(tx, user.id, client);
      await recordAudit(tx, {
        entityType: 'user',
        entityId: user.id,
        action: 'login',
        actorId: user.id,
        payload: { sessionId: session.sessionId },
        requestId: client.requestId,
      });
      const principal = await loadPrincipal(tx, user.id, 'session');
      return {
        principal: { ...principal!, sessionId: session.sessionId, csrfToken: session.csrfToken },
        token: session.token,
        csrfToken: session.csrfToken,
      };
    });
  }

  async logout(principal: Principal, client: ClientInfo, everywhere: boolean): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const ended = everywhere
        ? await this.sessions.endAllAccess(tx, principal.userId)
        : {
            sessions: principal.sessionId ? (await this.sessions.revoke(tx, principal.sessionId), 1) : 0,
            tokens: 0,
          };
      await recordAudit(tx, {
        entityType: 'user',
        entityId: principal.userId,
        action: everywhere ? 'logout_everywhere' : 'logout',
        actorId: principal.userId,
        payload: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
        requestId: client.requestId,
      });
    });
  }
}

function lockedError(until: Date): RateLimitedError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new RateLimitedError('account_locked', { minutes: Math.ceil(seconds / 60) }, seconds);
}
