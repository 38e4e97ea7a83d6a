import { pageOf } from '@kiezfonds/platform';
import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError } from '@kiezfonds/domain';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClientInfo } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import {
  describeOrganisation,
  legalRepresentativesJson,
  ORGANISATION_COLUMNS,
  type OrganisationRow,
  type OrganisationView,
} from '../invitations/organisation-view';
import { containsPattern } from '../account/dtos/common';
import type { ListOrganisationsQueryDto, UpdateOrganisationDto } from './dtos/organisations.dto';
import { OrganisationScope } from './scope';

export interface OrganisationSummary {
  id: string;
  name: string;
  legalForm: string;
  postalCode: string;
  city: string;
  verifiedAt: Date | null;
}

/** The organisation as everywhere in the API, with its members. */
export interface OrganisationDetail extends OrganisationView {
  members: { userId: string; displayName: string; email: string; status: string; isAdmin: boolean }[];
}

const SUMMARY_COLUMNS = `o.id, o.name, o.legal_form AS "legalForm", o.postal_code AS "postalCode", o.city,
  o.verified_at AS "verifiedAt"`;

/** Column of each changeable field; only these reach the SQL. */
const COLUMNS: Record<keyof UpdateOrganisationDto, string> = {
  name: 'name',
  legalForm: 'legal_form',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  legalRepresentatives: 'legal_representatives',
  financeRegistrationNumber: 'finance_registration_number',
  vatDeductible: 'vat_deductible',
  iban: 'iban',
};

/** Carrier organisations: all for district staff, their own for carriers, editable by their admins. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    principal: Principal,
    query: ListOrganisationsQueryDto,
  ): Promise<{ items: OrganisationSummary[]; total: number }> {
    const scope = OrganisationScope.of(principal);
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [scope.condition('o', bind(scope.memberOf))];
    if (query.q) where.push(`o.name ILIKE ${bind(containsPattern(query.q))}`);
    if (query.verified !== undefined)
      where.push(query.verified ? 'o.verified_at IS NOT NULL' : 'o.verified_at IS NULL');
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organisation o WHERE ${where.join(' AND ')}`,
      params,
    )) as [{ total: number }];
    const { limit, offset } = pageOf(query);
    const items = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM organisation o WHERE ${where.join(' AND ')}
       ORDER BY lower(o.name), o.id LIMIT ${bind(limit)} OFFSET ${bind(offset)}`,
      params,
    )) as OrganisationSummary[];
    return { items, total };
  }

  async get(principal: Principal, organisationId: string): Promise<OrganisationDetail> {
    if (!OrganisationScope.of(principal).covers(organisationId)) throw new NotFoundError();
    return this.load(this.dataSource, organisationId);
  }

  /** Only the organisation's own admins; a member who is not one gets 403, anyone else 404. */
  async update(
    principal: Principal,
    organisationId: string,
    change: UpdateOrganisationDto,
    client: ClientInfo,
  ): Promise<OrganisationDetail> {
    if (!OrganisationScope.of(principal).covers(organisationId)) throw new NotFoundError();
    const isAdmin = principal.organisations.some((o) => o.organisationId === organisationId && o.isAdmin);
    if (!isAdmin) throw new ForbiddenError();
    const fields = (Object.keys(COLUMNS) as (keyof UpdateOrganisationDto)[]).filter(
      (field) => change[field] !== undefined,
    );
    return this.dataSource.transaction(async (tx) => {
      if (fields.length > 0) {
        const params: unknown[] = [organisationId];
        const sets = fields.map((field) => `${COLUMNS[field]} = $${params.push(parameter(change, field))}`);
        try {
          await tx.query(`UPDATE organisation SET ${sets.join(', ')} WHERE id = $1`, params);
        } catch (error) {
          if ((error as { constraint?: string }).constraint === 'organisation_name_unique')
            throw new ConflictError('organisation_name_taken');
          throw error;
        }
        await recordAudit(tx, {
          entityType: 'organisation',
          entityId: organisationId,
          action: 'organisation_updated',
          actorId: principal.userId,
          payload: { fields },
          requestId: client.requestId,
        });
      }
      return this.load(tx, organisationId);
    });
  }

  private async load(db: DataSource | EntityManager, organisationId: string): Promise<OrganisationDetail> {
    const [row] = (await db.query(`SELECT ${ORGANISATION_COLUMNS} FROM organisation WHERE id = $1`, [
      organisationId,
    ])) as OrganisationRow[];
    if (!row) throw new NotFoundError();
    const members = (await db.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.email, u.status, m.is_admin AS "isAdmin"
       FROM organisation_member m JOIN app_user u ON u.id = m.user_id
       WHERE m.organisation_id = $1 ORDER BY m.is_admin DESC, lower(u.display_name), u.id`,
      [organisationId],
    )) as OrganisationDetail['members'];
    return { ...describeOrganisation(row), members };
  }
}

/** The SQL parameter for a changed field: the list of representatives goes as JSON text. */
function parameter(change: UpdateOrganisationDto, field: keyof UpdateOrganisationDto): unknown {
  if (field === 'legalRepresentatives') return legalRepresentativesJson(change.legalRepresentatives ?? []);
  return change[field];
}
