import type { Server } from 'node:http';
import {
  addOrganisationMember,
  completeContent,
  createActionField,
  createArea,
  createDistrict,
  createFund,
  createOrganisation,
  createUser,
  type DistrictRow,
  grantRole,
  type OrganisationRow,
  setPassword,
  type SignedIn,
  signIn,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';

export const PASSWORD = 'lange-sichere-passphrase-42';

export type Actor = { user: UserRow; session: SignedIn };
export type Role = 'carrier' | 'coordinator' | 'finance' | 'board_member';

/**
 * One district ready for the Netzwerkfonds workflow, for API tests: areas, action fields, the
 * Netzwerkfonds with a budget for 2027, a coordinator, finance staff, a board member and a carrier
 * organisation with a signed-in member. Everything goes through the real HTTP API where the API
 * has a route for it; factories only lay the ground the API does not create (districts, people).
 */
export class ApplicationWorld {
  district!: DistrictRow;
  areaIds: string[] = [];
  actionFieldIds: string[] = [];
  fundId!: string;
  organisation!: OrganisationRow;
  carrier!: Actor;
  coordinator!: Actor;
  finance!: Actor;
  boardMember!: Actor;

  private constructor(
    readonly server: Server,
    readonly db: DataSource,
  ) {}

  static async create(
    server: Server,
    db: DataSource,
    /** `netzwerkfonds: false`: a district that has none (approvals are then refused). */
    options: { budgetCents?: string; name?: string; netzwerkfonds?: false } = {},
  ): Promise<ApplicationWorld> {
    const world = new ApplicationWorld(server, db);
    world.district = await createDistrict(db, { name: options.name ?? 'Spandau' });
    for (const name of ['Falkenhagener Feld', 'Heerstraße Nord']) {
      world.areaIds.push((await createArea(db, { districtId: world.district.id, name })).id);
    }
    for (const name of ['Bildung', 'Nachbarschaft']) {
      world.actionFieldIds.push((await createActionField(db, { districtId: world.district.id, name })).id);
    }
    if (options.netzwerkfonds !== false) {
      world.fundId = (await createFund(db, { districtId: world.district.id, kind: 'netzwerkfonds' })).id;
    }
    world.coordinator = await world.staff('coordinator');
    world.finance = await world.staff('finance');
    world.boardMember = await world.staff('board_member');
    world.organisation = await createOrganisation(db);
    world.carrier = await world.carrierMember(world.organisation);
    if (options.netzwerkfonds !== false) {
      await world
        .post(world.finance, `/api/funds/${world.fundId}/ledger`)
        .send({ kind: 'budget', programmeYear: 2027, amountCents: options.budgetCents ?? '50000000' })
        .expect(201);
    }
    return world;
  }

  async staff(role: 'coordinator' | 'finance' | 'board_member' | 'admin'): Promise<Actor> {
    const user = await createUser(this.db);
    await grantRole(this.db, user.id, role, this.district.id);
    await setPassword(this.db, user.id, PASSWORD);
    return { user, session: await signIn(this.server, user.email, PASSWORD) };
  }

  async carrierMember(organisation: OrganisationRow): Promise<Actor> {
    const user = await createUser(this.db);
    await addOrganisationMember(this.db, organisation.id, user.id);
    await setPassword(this.db, user.id, PASSWORD);
    return { user, session: await signIn(this.server, user.email, PASSWORD) };
  }

  actor(role: Role): Actor {
    return {
      carrier: this.carrier,
      coordinator: this.coordinator,
      finance: this.finance,
      board_member: this.boardMember,
    }[role];
  }

  get(actor: Actor, path: string) {
    return request(this.server).get(path).set('Cookie', actor.session.cookie);
  }

  post(actor: Actor, path: string) {
    return request(this.server)
      .post(path)
      .set('Cookie', actor.session.cookie)
      .set('X-CSRF-Token', actor.session.csrfToken);
  }

  patch(actor: Actor, path: string) {
    return request(this.server)
      .patch(path)
      .set('Cookie', actor.session.cookie)
      .set('X-CSRF-Token', actor.session.csrfToken);
  }

  put(actor: Actor, path: string) {
    return request(this.server)
      .put(path)
      .set('Cookie', actor.session.cookie)
      .set('X-CSRF-Token', actor.session.csrfToken);
  }

  delete(actor: Actor, path: string) {
    return request(this.server)
      .delete(path)
      .set('Cookie', actor.session.cookie)
      .set('X-CSRF-Token', actor.session.csrfToken);
  }

  /** An open call of the district, with a deadline ahead unless `deadline` says otherwise. */
  async openCall(overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
    const call = (
      await this.post(this.coordinator, '/api/calls')
        .send({
          districtId: this.district.id,
          title: `Netzwerkfonds 2027 ${Math.random().toString(36).slice(2, 8)}`,
          programmeYear: 2027,
          expectedBudgetCents: '50000000',
          submissionDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          minAmountCents: '5000000',
          maxAmountCents: '15000000',
          actionFieldIds: this.actionFieldIds,
          areaIds: this.areaIds,
          ...overrides,
        })
        .expect(201)
    ).body as { id: string };
    await this.post(this.coordinator, `/api/calls/${call.id}/open`).expect(200);
    return call;
  }

  /** A complete content (libs/testing's completeContent) in the world's areas and first action field. */
  completeContent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return completeContent(this.areaIds, [this.actionFieldIds[0]!], overrides);
  }

  /** A draft of the world's carrier in the call, with complete content unless `content` is given. */
  async draft(callId: string, content: Record<string, unknown> | null = this.completeContent()) {
    const created = (
      await this.post(this.carrier, '/api/applications')
        .send({ callId, organisationId: this.organisation.id, title: 'Kiezküchen verbinden' })
        .expect(201)
    ).body as { id: string };
    if (content) {
      await this.put(this.carrier, `/api/applications/${created.id}/content`)
        .send({ version: 1, content })
        .expect(200);
    }
    return created;
  }

  event(actor: Actor, applicationId: string, body: Record<string, unknown>) {
    return this.post(actor, `/api/applications/${applicationId}/events`).send(body);
  }
}
