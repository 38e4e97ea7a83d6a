import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ConflictError, GoneError, NotFoundError, normaliseIban, ValidationError } from '@kiezfonds/domain';
import { OutboxService, SecretLinks } from '@kiezfonds/messaging';
import { type LegalRepresentative, queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import { RequestLimits } from '../abuse/request-limits';
import type { ClientInfo } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { hashPassword, passwordProblems } from '../passwords/password-policy';
import {
  describeOrganisation,
  legalRepresentativesJson,
  ORGANISATION_COLUMNS,
  type OrganisationRow,
  type OrganisationView,
} from './organisation-view';
import { claimLink } from './one-time-links';
import { mailVerificationLink } from './verification-mail';

export interface RegistrationRequest {
  organisation: {
    name: string;
    legalForm: string;
    street: string;
    postalCode: string;
    city: string;
    /** At least one; the DTO has checked each. */
    legalRepresentatives: LegalRepresentative[];
    financeRegistrationNumber?: string;
    vatDeductible: boolean;
    iban?: string;
  };
  user: { email: string; displayName: string; language: 'de' | 'en'; password: string };
}

/** The answer to every registration that passes validation, whether the address was new or not. */
export interface RegistrationAccepted {
  email: string;
}

/** Unique keys whose violation is the caller's to fix, with the code the answer carries. */
const CONFLICT_BY_CONSTRAINT: Record<string, string> = {
  organisation_name_unique: 'organisation_name_taken',
};

export const REGISTRATION = {
  /**
   * Every answer waits at least this long, so a stranger cannot tell by timing whether an address
   * had an account (both paths hash the password; only a new one writes rows).
   */
  answerFloorMs: 400,
  /** At most one "someone tried to register with your address" mail per account in this time. */
  attemptMailMinutes: 60,
} as const;

interface ExistingAccount {
  id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
  status: string;
}

/**
 * Carriers register themselves: the organisation and its first member, who administers it. The
 * account stays `unverified` (it cannot sign in) until the mailed link confirms the address, and
 * the organisation stays unverified (it cannot apply or invite) until district staff have checked
 * it is real. A stranger learns nothing about which addresses have accounts: an address that has
 * one gets the same answer, and its owner a mail that says so (ADR 0009).
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly secretLinks: SecretLinks,
    private readonly limits: RequestLimits,
  ) {}

  async register(request: RegistrationRequest, client: ClientInfo): Promise<RegistrationAccepted> {
    const problems = passwordProblems(request.user.password, 'user.password');
    if (problems.length > 0) throw new ValidationError(problems);
    await this.limits.consume('registration', client.ip);
    const started = Date.now();
    try {
      const passwordHash = await hashPassword(request.user.password);
      // Before looking at the address: a taken name answers 409 alike for a new address and one
      // with an account, or the answer would tell which addresses have accounts.
      if (await this.nameTaken(request.organisation.name)) {
        throw new ConflictError(CONFLICT_BY_CONSTRAINT['organisation_name_unique']!);
      }
      const existing = await this.accountOf(request.user.email);
      if (existing) await this.tellOwner(existing, client);
      else await this.createAccount(request, passwordHash, client);
      return { email: request.user.email };
    } finally {
      const left = started + REGISTRATION.answerFloorMs - Date.now();
      if (left > 0) await sleep(left);
    }
  }

  private async nameTaken(name: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM organisation WHERE name = $1`, [
      name,
    ])) as unknown[];
    return rows.length > 0;
  }

  private async accountOf(email: string): Promise<ExistingAccount | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, email, display_name, language, status FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    )) as ExistingAccount[];
    return row ?? null;
  }

  /** The owner of the address hears of the attempt (at most hourly), the stranger nothing. */
  private async tellOwner(account: ExistingAccount, client: ClientInfo): Promise<void> {
    if (account.status === 'pseudonymised' || account.status === 'disabled') return;
    const hour = Math.floor(Date.now() / (REGISTRATION.attemptMailMinutes * 60_000));
    await this.dataSource.transaction(async (tx) => {
      await this.outbox.addNotice(tx, `registration-attempt:${account.id}:${hour}`, {
        kind: 'registration_attempt',
        recipient: {
          userId: account.id,
          email: account.email,
          name: account.display_name,
          locale: account.language,
        },
        data: {},
        link: '/passwort-vergessen',
      });
      await recordAudit(tx, {
        entityType: 'user',
        entityId: account.id,
        action: 'registration_attempted',
        actorId: null,
        payload: {},
        requestId: client.requestId,
      });
    });
  }

  private async createAccount(
    request: RegistrationRequest,
    passwordHash: string,
    client: ClientInfo,
  ): Promise<void> {
    const organisation = request.organisation;
    try {
      await this.dataSource.transaction(async (tx) => {
        const [created] = (await tx.query(
          `INSERT INTO organisation
             (name, legal_form, street, postal_code, city, legal_representatives,
              finance_registration_number, vat_deductible, iban)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${ORGANISATION_COLUMNS}`,
          [
            organisation.name,
            organisation.legalForm,
            organisation.street,
            organisation.postalCode,
            organisation.city,
            legalRepresentativesJson(organisation.legalRepresentatives),
            organisation.financeRegistrationNumber || null,
            organisation.vatDeductible,
            organisation.iban ? normaliseIban(organisation.iban) : null,
          ],
        )) as OrganisationRow[];
        const [user] = (await tx.query(
          `INSERT INTO app_user (email, display_name, language, status, password_hash)
           VALUES ($1, $2, $3, 'unverified', $4) RETURNING id, email, display_name, language`,
          [request.user.email, request.user.displayName, request.user.language, passwordHash],
        )) as { id: string; email: string; display_name: string; language: 'de' | 'en' }[];
        await tx.query(
          `INSERT INTO organisation_member (organisation_id, user_id, is_admin) VALUES ($1, $2, true)`,
          [created!.id, user!.id],
        );
        await recordAudit(tx, {
          entityType: 'organisation',
          entityId: created!.id,
          action: 'organisation_registered',
          actorId: user!.id,
          payload: { adminId: user!.id },
          requestId: client.requestId,
        });
        await recordAudit(tx, {
          entityType: 'user',
          entityId: user!.id,
          action: 'user_registered',
          actorId: user!.id,
          payload: { organisationId: created!.id, organisationAdmin: true },
          requestId: client.requestId,
        });
        await mailVerificationLink(tx, this.outbox, this.secretLinks, {
          id: user!.id,
          email: user!.email,
          displayName: user!.display_name,
          language: user!.language,
        });
      });
    } catch (error) {
      // The same address registered twice at once: the second answers like any existing address.
      if (constraintOf(error) === 'app_user_email_unique') return;
      const code = CONFLICT_BY_CONSTRAINT[constraintOf(error) ?? ''];
      if (code) throw new ConflictError(code);
      throw error;
    }
  }

  /** Confirms the address with the mailed link; from then on the account can sign in. */
  async verifyEmail(token: string, client: ClientInfo): Promise<void> {
    await this.limits.consume('link_use', client.ip);
    await this.dataSource.transaction(async (tx) => {
      const link = await claimLink(tx, 'email_verification', token);
      const [account] = link
        ? await queryRows<{ id: string }>(
            tx,
            `UPDATE app_user SET status = 'active' WHERE id = $1 AND status = 'unverified' RETURNING id`,
            [link.userId],
          )
        : [];
      if (!link || !account) throw new GoneError('link_invalid');
      await recordAudit(tx, {
        entityType: 'user',
        entityId: account.id,
        action: 'email_verified',
        actorId: account.id,
        payload: { linkId: link.id },
        requestId: client.requestId,
      });
    });
  }

  /** Idempotent: verifying a verified organisation answers it unchanged. */
  async verify(organisationId: string, principal: Principal, client: ClientInfo): Promise<OrganisationView> {
    return this.dataSource.transaction(async (tx) => {
      const [verified] = await queryRows<OrganisationRow>(
        tx,
        `UPDATE organisation SET verified_at = now() WHERE id = $1 AND verified_at IS NULL
         RETURNING ${ORGANISATION_COLUMNS}`,
        [organisationId],
      );
      if (verified) {
        await recordAudit(tx, {
          entityType: 'organisation',
          entityId: organisationId,
          action: 'organisation_verified',
          actorId: principal.userId,
          payload: {},
          requestId: client.requestId,
        });
        return describeOrganisation(verified);
      }
      const [existing] = (await tx.query(`SELECT ${ORGANISATION_COLUMNS} FROM organisation WHERE id = $1`, [
        organisationId,
      ])) as OrganisationRow[];
      if (!existing) throw new NotFoundError();
      return describeOrganisation(existing);
    });
  }
}

function constraintOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' ? driverError.constraint : undefined;
}
