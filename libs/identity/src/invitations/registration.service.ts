import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, normaliseIban, ValidationError } from '@kiezfonds/domain';
import { type LegalRepresentative, queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
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

export interface Registered {
  organisation: OrganisationView;
  user: { id: string; email: string; displayName: string };
}

/** Unique keys whose violation is the caller's to fix, with the code the answer carries. */
const CONFLICT_BY_CONSTRAINT: Record<string, string> = {
  organisation_name_unique: 'organisation_name_taken',
  app_user_email_unique: 'email_in_use',
};

/**
 * Carriers register themselves: the organisation and its first member, who administers it. The
 * organisation stays unverified (it cannot apply) until district staff have checked it is real.
 */
@Injectable()
export class RegistrationService {
  constructor(private readonly dataSource: DataSource) {}

  async register(request: RegistrationRequest, client: ClientInfo): Promise<Registered> {
    const problems = passwordProblems(request.user.password, 'user.password');
    if (problems.length > 0) throw new ValidationError(problems);
    const passwordHash = await hashPassword(request.user.password);
    const organisation = request.organisation;

    try {
      return await this.dataSource.transaction(async (tx) => {
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
           VALUES ($1, $2, $3, 'active', $4) RETURNING id, email, display_name`,
          [request.user.email, request.user.displayName, request.user.language, passwordHash],
        )) as { id: string; email: string; display_name: string }[];
        await tx.query(
          `INSERT INTO organisation_member (organisation_id, user_id, is_admin) VALUES ($1, $2, true)`,
          [created!.id, user!.id],
        );
        await recordAudit(tx, {
          entityType: 'organisation',
          entityId: created!.id,
          action: 'organisation_registered',
          actorId: user!.id,
          payload: { adminId: user!.id, ip: client.ip },
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
        return {
          organisation: describeOrganisation(created!),
          user: { id: user!.id, email: user!.email, displayName: user!.display_name },
        };
      });
    } catch (error) {
      const code = uniqueViolation(error);
      if (code) throw new ConflictError(code);
      throw error;
    }
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

function uniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  if (driverError.code !== '23505' || !driverError.constraint) return undefined;
  return CONFLICT_BY_CONSTRAINT[driverError.constraint];
}
