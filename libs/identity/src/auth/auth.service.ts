import { Injectable } from '@nestjs/common';
import { ForbiddenError, LOGIN_THROTTLE, UnauthenticatedError } from '@kiezfonds/domain';
import { OutboxService, SecretLinks } from '@kiezfonds/messaging';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { verifyPassword } from '../passwords/password-policy';
import { mailVerificationLink } from '../invitations/verification-mail';
import { DeviceCookies } from './device-cookie';
import { assertMayTry, recordFailure, recordSuccess, type SignInAttempt } from './login-throttle';
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
    private readonly secretLinks: SecretLinks,
    private readonly devices: DeviceCookies,
  ) {}

  /**
   * Signs in, or answers why not: wrong credentials (401), an address not confirmed yet (403, and
   * the confirmation mail goes out again), or a client that must wait after failures (429 saying
   * which key holds it back, ADR 0010). `deviceCookie` is the browser's device cookie, if any.
   */
  async login(
    email: string,
    password: string,
    client: ClientInfo,
    deviceCookie?: string,
  ): Promise<{ principal: Principal; token: string; csrfToken: string; deviceCookie: string }> {
    const [user] = (await this.dataSource.query(
      `SELECT id, email, display_name, language, password_hash, status FROM app_user WHERE lower(email) = lower($1)`,
      [email.trim()],
    )) as UserRow[];
    const attempt: SignInAttempt = {
      email,
      ip: client.ip,
      deviceId: user ? this.devices.deviceOf(deviceCookie, user.id) : null,
    };
    await assertMayTry(this.dataSource.manager, attempt);

    const mayUse = user?.status === 'active' || user?.status === 'unverified';
    const valid = await verifyPassword(mayUse ? user.password_hash : null, password);
    if (!valid || !user) {
      await this.dataSource.transaction(async (tx) => {
        const outcome = await recordFailure(tx, attempt);
        await recordAudit(tx, {
          entityType: 'user',
          entityId: user?.id ?? 'unknown',
          action: 'login_failed',
          actorId: user?.id ?? null,
          // No IP address: the trail is kept for good, a client address only as long as the throttle needs it.
          payload: { knownDevice: attempt.deviceId !== null, accountFailures: outcome.accountFailures },
          requestId: client.requestId,
        });
        // The owner hears once per window that unknown devices are being slowed down.
        if (
          user &&
          outcome.accountWindowStartedAt &&
          outcome.accountFailures === LOGIN_THROTTLE.free.account + 1
        ) {
          const until = new Date(
            outcome.accountWindowStartedAt.getTime() + LOGIN_THROTTLE.windowMinutes * 60_000,
          );
          await this.outbox.addNotice(
            tx,
            `account-locked:${user.id}:${outcome.accountWindowStartedAt.toISOString()}`,
            {
              kind: 'account_locked',
              recipient: {
                userId: user.id,
                email: user.email,
                name: user.display_name,
                locale: user.language,
              },
              data: { lockedUntil: until.toISOString() },
              link: '/passwort-vergessen',
            },
          );
        }
      });
      throw new UnauthenticatedError('invalid_credentials');
    }

    if (user.status === 'unverified') {
      await this.dataSource.transaction((tx) =>
        mailVerificationLink(tx, this.outbox, this.secretLinks, {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          language: user.language,
        }),
      );
      throw new ForbiddenError('email_not_verified');
    }

    return this.dataSource.transaction(async (tx) => {
      // The password was checked against the row as read above. A reset committed since then
      // ended every session: a session made now with the old password would outlive it. Holding
      // the row (FOR SHARE) until this commit orders the two: a reset still running waits for the
      // session and then ends it, a reset already done leaves a hash that no longer matches.
      const unchanged = (await tx.query(
        `SELECT 1 FROM app_user WHERE id = $1 AND status = 'active' AND password_hash = $2 FOR SHARE`,
        [user.id, user.password_hash],
      )) as unknown[];
      if (unchanged.length === 0) throw new UnauthenticatedError('invalid_credentials');
      await recordSuccess(tx, attempt);
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
        // A known device keeps its cookie (and its id); a new one gets one now.
        deviceCookie: attempt.deviceId && deviceCookie ? deviceCookie : this.devices.issue(user.id),
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
