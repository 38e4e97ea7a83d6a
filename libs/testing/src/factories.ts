import { randomUUID } from 'node:crypto';
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
