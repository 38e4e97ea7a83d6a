import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Factories build exactly the rows a test needs, with unique values, so tests never depend on a
 * shared seed or on each other.
 */
type Db = DataSource | EntityManager;

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  language: 'de' | 'en';
}

export async function createUser(db: Db, overrides: Partial<Omit<UserRow, 'id'>> = {}): Promise<UserRow> {
  const unique = randomUUID().slice(0, 8);
  const user = {
    email: overrides.email ?? `person-${unique}@example.org`,
    displayName: overrides.displayName ?? `Testperson ${unique}`,
    language: overrides.language ?? 'de',
  };
  const [row] = (await db.query(
    `INSERT INTO app_user (email, display_name, language) VALUES ($1, $2, $3) RETURNING id`,
    [user.email, user.displayName, user.language],
  )) as { id: string }[];
  return { id: row!.id, ...user };
}

export interface DistrictRow {
  id: string;
  slug: string;
  name: string;
}

export async function createDistrict(
  db: Db,
  overrides: Partial<Omit<DistrictRow, 'id'>> = {},
): Promise<DistrictRow> {
  const unique = randomUUID().slice(0, 8);
  const district = {
    slug: overrides.slug ?? `bezirk-${unique}`,
    name: overrides.name ?? `Bezirk ${unique}`,
  };
  const [row] = (await db.query(`INSERT INTO district (slug, name) VALUES ($1, $2) RETURNING id`, [
    district.slug,
    district.name,
  ])) as { id: string }[];
  return { id: row!.id, ...district };
}

export interface OrganisationRow {
  id: string;
  name: string;
  /** The ids of the users made members. */
  memberIds: string[];
}

export async function createOrganisation(
  db: Db,
  overrides: { name?: string; members?: readonly { id: string }[] } = {},
): Promise<OrganisationRow> {
  const unique = randomUUID().slice(0, 8);
  const name = overrides.name ?? `Nachbarschaftsverein ${unique} e. V.`;
  const [row] = (await db.query(
    `INSERT INTO organisation (name, legal_form, street, postal_code) VALUES ($1, 'e.V.', 'Teststraße 1', '13591')
     RETURNING id`,
    [name],
  )) as { id: string }[];
  const memberIds = (overrides.members ?? []).map((member) => member.id);
  for (const userId of memberIds) {
    await db.query(`INSERT INTO organisation_member (organisation_id, user_id) VALUES ($1, $2)`, [
      row!.id,
      userId,
    ]);
  }
  return { id: row!.id, name, memberIds };
}

export interface CallRow {
  id: string;
  districtId: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  submissionDeadline: Date;
}

/** An open Netzwerkfonds call; without a district it gets one of its own, without a deadline one in 30 days. */
export async function createCall(
  db: Db,
  overrides: Partial<Omit<CallRow, 'id'>> & { programmeYear?: number } = {},
): Promise<CallRow> {
  const unique = randomUUID().slice(0, 8);
  const call = {
    districtId: overrides.districtId ?? (await createDistrict(db)).id,
    title: overrides.title ?? `Netzwerkfonds ${unique}`,
    status: overrides.status ?? 'open',
    submissionDeadline: overrides.submissionDeadline ?? new Date(Date.now() + 30 * 86_400_000),
  };
  const [row] = (await db.query(
    `INSERT INTO call (district_id, fund_kind, programme_year, title, status, expected_budget_cents, submission_deadline)
     VALUES ($1, 'netzwerkfonds', $2, $3, $4, 50000000, $5) RETURNING id`,
    [call.districtId, overrides.programmeYear ?? 2027, call.title, call.status, call.submissionDeadline],
  )) as { id: string }[];
  return { id: row!.id, ...call };
}

export interface ApplicationRow {
  id: string;
  callId: string;
  organisationId: string;
  title: string;
  state: string;
}

/** A draft unless `state` says otherwise. */
export async function createApplication(
  db: Db,
  fields: { callId: string; organisationId: string; title?: string; state?: string },
): Promise<ApplicationRow> {
  const unique = randomUUID().slice(0, 8);
  const application = {
    callId: fields.callId,
    organisationId: fields.organisationId,
    title: fields.title ?? `Kiezprojekt ${unique}`,
    state: fields.state ?? 'draft',
  };
  const [row] = (await db.query(
    `INSERT INTO application (call_id, organisation_id, title, state) VALUES ($1, $2, $3, $4) RETURNING id`,
    [application.callId, application.organisationId, application.title, application.state],
  )) as { id: string }[];
  return { id: row!.id, ...application };
}

/** A staff role (board_member, coordinator, finance, admin) held in a district. */
export async function grantRole(
  db: Db,
  userId: string,
  role: 'board_member' | 'coordinator' | 'finance' | 'admin',
  districtId: string,
): Promise<void> {
  await db.query(`INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, $2, $3)`, [
    userId,
    role,
    districtId,
  ]);
}

/** Makes a user a member of an organisation, or (with `isAdmin`) one of its admins. */
export async function addOrganisationMember(
  db: Db,
  organisationId: string,
  userId: string,
  options: { isAdmin?: boolean } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO organisation_member (organisation_id, user_id, is_admin) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id, user_id) DO UPDATE SET is_admin = EXCLUDED.is_admin`,
    [organisationId, userId, options.isAdmin ?? false],
  );
}

/** A personal API token of the user, as `POST /api/me/tokens` would create it; returns the secret. */
export async function createApiToken(
  db: Db,
  userId: string,
  name = 'Testskript',
): Promise<{ id: string; token: string }> {
  const token = `kf_pat_${randomUUID().replaceAll('-', '')}`;
  const [row] = (await db.query(
    `INSERT INTO api_token (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4) RETURNING id`,
    [userId, name, createHash('sha256').update(token).digest('hex'), token.slice(0, 12)],
  )) as { id: string }[];
  return { id: row!.id, token };
}

export interface NotificationRow {
  id: string;
  userId: string;
  subject: string;
}

/** An in-app notification of the user, unread unless `read` is set. */
export async function createNotification(
  db: Db,
  userId: string,
  overrides: { kind?: string; subject?: string; body?: string; read?: boolean } = {},
): Promise<NotificationRow> {
  const unique = randomUUID();
  const subject = overrides.subject ?? `Hinweis ${unique.slice(0, 8)}`;
  const [row] = (await db.query(
    `INSERT INTO notification (user_id, kind, subject, body, link, delivery_key, read_at)
     VALUES ($1, $2, $3, $4, '/antraege', $5, CASE WHEN $6 THEN now() END) RETURNING id`,
    [
      userId,
      overrides.kind ?? 'submission_deadline',
      subject,
      overrides.body ?? 'Text',
      `test:${unique}`,
      overrides.read ?? false,
    ],
  )) as { id: string }[];
  return { id: row!.id, userId, subject };
}

export interface AreaRow {
  id: string;
  districtId: string;
  kind: 'prognoseraum' | 'bezirksregion' | 'planungsraum' | 'qm_area' | 'aktionsraum';
  name: string;
}

/** An area of the district, a QM area unless `kind` says otherwise. */
export async function createArea(
  db: Db,
  fields: { districtId: string; kind?: AreaRow['kind']; name?: string },
): Promise<AreaRow> {
  const unique = randomUUID().slice(0, 8);
  const area = {
    districtId: fields.districtId,
    kind: fields.kind ?? 'qm_area',
    name: fields.name ?? `Kiez ${unique}`,
  };
  const [row] = (await db.query(
    `INSERT INTO area (district_id, kind, name, slug) VALUES ($1, $2, $3, $4) RETURNING id`,
    [area.districtId, area.kind, area.name, `kiez-${unique}`],
  )) as { id: string }[];
  return { id: row!.id, ...area };
}

export interface ActionFieldRow {
  id: string;
  districtId: string;
  name: string;
}

export async function createActionField(
  db: Db,
  fields: { districtId: string; name?: string },
): Promise<ActionFieldRow> {
  const unique = randomUUID().slice(0, 8);
  const name = fields.name ?? `Handlungsfeld ${unique}`;
  const [row] = (await db.query(
    `INSERT INTO action_field (district_id, name, slug) VALUES ($1, $2, $3) RETURNING id`,
    [fields.districtId, name, `handlungsfeld-${unique}`],
  )) as { id: string }[];
  return { id: row!.id, districtId: fields.districtId, name };
}

export interface FundRow {
  id: string;
  districtId: string;
  kind: 'netzwerkfonds' | 'aktionsfonds' | 'projektfonds' | 'baufonds';
  areaId: string | null;
  name: string;
}

/**
 * A fund: the district's Netzwerkfonds unless `kind` says otherwise. A tracked fund without an
 * `areaId` gets a QM area of its own; without a district, the fund gets one of its own.
 */
export async function createFund(
  db: Db,
  overrides: { districtId?: string; kind?: FundRow['kind']; areaId?: string; name?: string } = {},
): Promise<FundRow> {
  const districtId = overrides.districtId ?? (await createDistrict(db)).id;
  const kind = overrides.kind ?? 'netzwerkfonds';
  const areaId =
    kind === 'netzwerkfonds' ? null : (overrides.areaId ?? (await createArea(db, { districtId })).id);
  const name = overrides.name ?? `${kind[0]!.toUpperCase()}${kind.slice(1)} ${randomUUID().slice(0, 8)}`;
  const [row] = (await db.query(
    `INSERT INTO fund (district_id, kind, area_id, name) VALUES ($1, $2, $3, $4) RETURNING id`,
    [districtId, kind, areaId, name],
  )) as { id: string }[];
  return { id: row!.id, districtId, kind, areaId, name };
}

export interface TrackedProjectRow {
  id: string;
  fundId: string;
  organisationId: string;
  areaId: string;
  actionFieldId: string | null;
  title: string;
}

/**
 * A project of an Aktions-, Projekt- or Baufonds, in the fund's area unless `areaId` says
 * otherwise; without an organisation it gets one of its own.
 */
export async function createTrackedProject(
  db: Db,
  fund: { id: string; districtId: string; kind: FundRow['kind']; areaId: string | null },
  overrides: {
    organisationId?: string;
    areaId?: string;
    actionFieldId?: string | null;
    title?: string;
    amountCents?: number | bigint;
    periodStart?: string;
    periodEnd?: string;
  } = {},
): Promise<TrackedProjectRow> {
  const organisationId = overrides.organisationId ?? (await createOrganisation(db)).id;
  const areaId =
    overrides.areaId ?? fund.areaId ?? (await createArea(db, { districtId: fund.districtId })).id;
  const title = overrides.title ?? `Kiezaktion ${randomUUID().slice(0, 8)}`;
  const actionFieldId = overrides.actionFieldId ?? null;
  const [row] = (await db.query(
    `INSERT INTO tracked_project (district_id, fund_id, fund_kind, organisation_id, title, area_id,
       action_field_id, decision_date, period_start, period_end, amount_cents)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING id`,
    [
      fund.districtId,
      fund.id,
      fund.kind,
      organisationId,
      title,
      areaId,
      actionFieldId,
      overrides.periodStart ?? '2026-03-01',
      overrides.periodEnd ?? '2026-12-31',
      String(overrides.amountCents ?? 150_000),
    ],
  )) as { id: string }[];
  return { id: row!.id, fundId: fund.id, organisationId, areaId, actionFieldId, title };
}

/** Sets an application's funding period, as the lifecycle does when it is submitted or approved. */
export async function setApplicationPeriod(
  db: Db,
  applicationId: string,
  periodStart: string,
  periodEnd: string,
): Promise<void> {
  await db.query(`UPDATE application SET period_start = $2, period_end = $3 WHERE id = $1`, [
    applicationId,
    periodStart,
    periodEnd,
  ]);
}

/** A row of the base-rate table (Basiszinssatz), in basis points. */
export async function createBaseRate(db: Db, validFrom: string, rateBasisPoints: number): Promise<void> {
  await db.query(
    `INSERT INTO base_rate (valid_from, rate_basis_points) VALUES ($1, $2)
     ON CONFLICT (valid_from) DO UPDATE SET rate_basis_points = EXCLUDED.rate_basis_points`,
    [validFrom, rateBasisPoints],
  );
}
