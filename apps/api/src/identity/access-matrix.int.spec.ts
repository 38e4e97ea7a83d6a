import type { NestExpressApplication } from '@nestjs/platform-express';
import { REMINDER_KINDS } from '@kiezfonds/domain';
import {
  addOrganisationMember,
  createApiToken,
  createDistrict,
  createNotification,
  createOrganisation,
  createUser,
  type DistrictRow,
  grantRole,
  type OrganisationRow,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

/**
 * Who may call which identity route, generated from one table: every row is a route with the
 * record or district it is aimed at, and the status each kind of caller must get. Staff callers
 * work in district A; "other district" is B. The carrier callers belong to organisation 1;
 * "foreign" organisation is 2. Mutating rows aim at a fresh target per case, so the cases stay
 * independent of each other and of their order.
 */
const ACTORS = [
  'anonymous',
  'carrier admin',
  'carrier member',
  'board member',
  'finance',
  'coordinator',
  'admin',
] as const;
type Actor = (typeof ACTORS)[number];
type StaffRole = 'board_member' | 'coordinator' | 'finance' | 'admin';

interface World {
  a: DistrictRow;
  b: DistrictRow;
  organisation1: OrganisationRow;
  organisation2: OrganisationRow;
  users: Record<Exclude<Actor, 'anonymous'>, UserRow>;
  sessions: Record<Exclude<Actor, 'anonymous'>, SignedIn>;
  /** Someone who is none of the callers: owner of the "foreign" tokens and notifications. */
  outsider: UserRow;
  freshCarrier(): Promise<UserRow>;
  freshStaff(role: StaffRole, district: DistrictRow): Promise<UserRow>;
}

interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: object;
}
/** Builds the request of a row; `self` is the calling user (the outsider for anonymous calls). */
type Make = (world: World, self: UserRow) => Promise<Call> | Call;

const get = (path: string): Call => ({ method: 'get', path });
const post = (path: string, body: object = {}): Call => ({ method: 'post', path, body });

// prettier-ignore
const TABLE: [route: string, make: Make, statuses: [number, number, number, number, number, number, number]][] = [
  //                                                                                                   anon  c.adm c.mem board  fin  coord admin
  ['GET /me', () => get('/api/me'),                                                                    [401, 200, 200, 200, 200, 200, 200]],
  ['PATCH /me', () => ({ method: 'patch', path: '/api/me', body: { language: 'de' } }),               [401, 200, 200, 200, 200, 200, 200]],
  ['GET /me/notification-settings', () => get('/api/me/notification-settings'),                       [401, 200, 200, 200, 200, 200, 200]],
  ['PUT /me/notification-settings',
    () => ({ method: 'put', path: '/api/me/notification-settings', body: [{ kind: REMINDER_KINDS[0], email: false }] }),
                                                                                                       [401, 200, 200, 200, 200, 200, 200]],
  ['GET /me/tokens', () => get('/api/me/tokens'),                                                      [401, 200, 200, 200, 200, 200, 200]],
  ['POST /me/tokens', () => post('/api/me/tokens', { name: 'Matrix' }),                               [401, 201, 201, 201, 201, 201, 201]],
  ['DELETE /me/tokens/:id · own token',
    async (_, self) => ({ method: 'delete', path: `/api/me/tokens/${(await createApiToken(db(), self.id)).id}` }),
                                                                                                       [401, 204, 204, 204, 204, 204, 204]],
  ['DELETE /me/tokens/:id · foreign token',
    async (w) => ({ method: 'delete', path: `/api/me/tokens/${(await createApiToken(db(), w.outsider.id)).id}` }),
                                                                                                       [401, 404, 404, 404, 404, 404, 404]],
  ['GET /me/export', () => get('/api/me/export'),                                                      [401, 200, 200, 200, 200, 200, 200]],
  ['GET /notifications', () => get('/api/notifications'),                                              [401, 200, 200, 200, 200, 200, 200]],
  ['POST /notifications/:id/read · own notification',
    async (_, self) => post(`/api/notifications/${(await createNotification(db(), self.id)).id}/read`), [401, 204, 204, 204, 204, 204, 204]],
  ['POST /notifications/:id/read · foreign notification',
    async (w) => post(`/api/notifications/${(await createNotification(db(), w.outsider.id)).id}/read`), [401, 404, 404, 404, 404, 404, 404]],
  ['POST /notifications/read-all', () => post('/api/notifications/read-all'),                         [401, 204, 204, 204, 204, 204, 204]],

  ['GET /users', () => get('/api/users'),                                                              [401, 403, 403, 403, 403, 200, 200]],
  ['GET /users · own district', (w) => get(`/api/users?districtId=${w.a.id}`),                        [401, 403, 403, 403, 403, 200, 200]],
  ['GET /users · other district', (w) => get(`/api/users?districtId=${w.b.id}`),                      [401, 403, 403, 403, 403, 404, 404]],
  ['POST /users/:id/roles · finance in own district for a carrier',
    async (w) => post(`/api/users/${(await w.freshCarrier()).id}/roles`, { role: 'finance', districtId: w.a.id }),
                                                                                                       [401, 403, 403, 403, 403, 201, 201]],
  ['POST /users/:id/roles · coordinator in own district for a carrier',
    async (w) => post(`/api/users/${(await w.freshCarrier()).id}/roles`, { role: 'coordinator', districtId: w.a.id }),
                                                                                                       [401, 403, 403, 403, 403, 201, 201]],
  ['POST /users/:id/roles · admin in own district for a carrier',
    async (w) => post(`/api/users/${(await w.freshCarrier()).id}/roles`, { role: 'admin', districtId: w.a.id }),
                                                                                                       [401, 403, 403, 403, 403, 403, 201]],
  ['POST /users/:id/roles · finance in other district for a carrier',
    async (w) => post(`/api/users/${(await w.freshCarrier()).id}/roles`, { role: 'finance', districtId: w.b.id }),
                                                                                                       [401, 403, 403, 403, 403, 404, 404]],
  ['POST /users/:id/roles · finance in own district for staff of the other district',
    async (w) => post(`/api/users/${(await w.freshStaff('board_member', w.b)).id}/roles`, { role: 'finance', districtId: w.a.id }),
                                                                                                       [401, 403, 403, 403, 403, 404, 404]],
  ['DELETE /users/:id/roles · board member of own district',
    async (w) => ({ method: 'delete', path: `/api/users/${(await w.freshStaff('board_member', w.a)).id}/roles/board_member/${w.a.id}` }),
                                                                                                       [401, 403, 403, 403, 403, 204, 204]],
  ['DELETE /users/:id/roles · coordinator of own district',
    async (w) => ({ method: 'delete', path: `/api/users/${(await w.freshStaff('coordinator', w.a)).id}/roles/coordinator/${w.a.id}` }),
                                                                                                       [401, 403, 403, 403, 403, 204, 204]],
  ['DELETE /users/:id/roles · board member of other district',
    async (w) => ({ method: 'delete', path: `/api/users/${(await w.freshStaff('board_member', w.b)).id}/roles/board_member/${w.b.id}` }),
                                                                                                       [401, 403, 403, 403, 403, 404, 404]],
  ['PATCH /users/:id · disable staff of own district',
    async (w) => ({ method: 'patch', path: `/api/users/${(await w.freshStaff('board_member', w.a)).id}`, body: { status: 'disabled' } }),
                                                                                                       [401, 403, 403, 403, 403, 403, 200]],
  ['PATCH /users/:id · disable a carrier',
    async (w) => ({ method: 'patch', path: `/api/users/${(await w.freshCarrier()).id}`, body: { status: 'disabled' } }),
                                                                                                       [401, 403, 403, 403, 403, 403, 200]],
  ['PATCH /users/:id · disable staff of other district',
    async (w) => ({ method: 'patch', path: `/api/users/${(await w.freshStaff('board_member', w.b)).id}`, body: { status: 'disabled' } }),
                                                                                                       [401, 403, 403, 403, 403, 403, 404]],
  ['POST /users/:id/pseudonymise · staff of own district',
    async (w) => post(`/api/users/${(await w.freshStaff('finance', w.a)).id}/pseudonymise`),           [401, 403, 403, 403, 403, 403, 200]],
  ['POST /users/:id/pseudonymise · staff of other district',
    async (w) => post(`/api/users/${(await w.freshStaff('finance', w.b)).id}/pseudonymise`),           [401, 403, 403, 403, 403, 403, 404]],

  ['GET /organisations', () => get('/api/organisations'),                                              [401, 200, 200, 403, 403, 200, 200]],
  ['GET /organisations/:id · own organisation', (w) => get(`/api/organisations/${w.organisation1.id}`), [401, 200, 200, 403, 403, 200, 200]],
  ['GET /organisations/:id · foreign organisation', (w) => get(`/api/organisations/${w.organisation2.id}`),
                                                                                                       [401, 404, 404, 403, 403, 200, 200]],
  ['PATCH /organisations/:id · own organisation',
    (w) => ({ method: 'patch', path: `/api/organisations/${w.organisation1.id}`, body: { city: 'Berlin' } }),
                                                                                                       [401, 200, 403, 403, 403, 403, 403]],
  ['PATCH /organisations/:id · foreign organisation',
    (w) => ({ method: 'patch', path: `/api/organisations/${w.organisation2.id}`, body: { city: 'Berlin' } }),
                                                                                                       [401, 404, 404, 403, 403, 403, 403]],
];

const CASES = TABLE.flatMap(([route, make, statuses]) =>
  ACTORS.map((actor, column) => ({
    name: `${actor} · ${route} → ${statuses[column]}`,
    actor,
    make,
    status: statuses[column]!,
  })),
);

/**
 * Who appears in `GET /users` for whom: staff see their district's staff and every carrier, and
 * nothing of the other district's staff.
 */
// prettier-ignore
const VISIBILITY: [viewer: 'coordinator' | 'admin' | 'coordinator of B', target: string, visible: boolean][] = [
  ['coordinator', 'finance of A', true],
  ['coordinator', 'admin of A', true],
  ['coordinator', 'finance of B', false],
  ['coordinator', 'coordinator of B', false],
  ['coordinator', 'carrier admin of organisation 2', true],
  ['admin', 'board member of B', false],
  ['admin', 'carrier member of organisation 1', true],
  ['coordinator of B', 'finance of A', false],
  ['coordinator of B', 'finance of B', true],
];

const PASSWORD = 'lange-sichere-passphrase-42';
let database: TestDatabase;
const db = () => database.dataSource;

describe('access matrix of the identity routes', () => {
  let api: TestApi;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let world: World;
  const named: Record<string, UserRow> = {};
  let coordinatorOfB: SignedIn;

  beforeAll(async () => {
    api = await startTestApi();
    ({ db: database, server } = api);

    const a = await createDistrict(db(), { name: 'Bezirk A' });
    const b = await createDistrict(db(), { name: 'Bezirk B' });
    const organisation1 = await createOrganisation(db(), { name: 'Organisation 1 e. V.' });
    const organisation2 = await createOrganisation(db(), { name: 'Organisation 2 e. V.' });
    const person = async (name: string) => {
      const user = await createUser(db(), { displayName: name });
      named[name] = user;
      return user;
    };
    const staffMember = async (name: string, role: StaffRole, district: DistrictRow) => {
      const user = await person(name);
      await grantRole(db(), user.id, role, district.id);
      return user;
    };
    const users = {
      'carrier admin': await person('carrier admin of organisation 1'),
      'carrier member': await person('carrier member of organisation 1'),
      'board member': await staffMember('board member of A', 'board_member', a),
      finance: await staffMember('finance of A', 'finance', a),
      coordinator: await staffMember('coordinator of A', 'coordinator', a),
      admin: await staffMember('admin of A', 'admin', a),
    };
    await addOrganisationMember(db(), organisation1.id, users['carrier admin'].id, { isAdmin: true });
    await addOrganisationMember(db(), organisation1.id, users['carrier member'].id);
    const carrierAdmin2 = await person('carrier admin of organisation 2');
    await addOrganisationMember(db(), organisation2.id, carrierAdmin2.id, { isAdmin: true });
    for (const [role, name] of [
      ['board_member', 'board member of B'],
      ['finance', 'finance of B'],
      ['coordinator', 'coordinator of B'],
      ['admin', 'admin of B'],
    ] as const)
      await staffMember(name, role, b);

    const sessions = {} as World['sessions'];
    for (const user of [...Object.values(users), named['coordinator of B']!])
      await setPassword(db(), user.id, PASSWORD);
    for (const [actor, user] of Object.entries(users) as [keyof World['sessions'], UserRow][])
      sessions[actor] = await signIn(server, user.email, PASSWORD);
    coordinatorOfB = await signIn(server, named['coordinator of B']!.email, PASSWORD);

    world = {
      a,
      b,
      organisation1,
      organisation2,
      users,
      sessions,
      outsider: await createUser(db(), { displayName: 'Außenstehende Person' }),
      async freshCarrier() {
        const user = await createUser(db());
        await addOrganisationMember(db(), organisation2.id, user.id);
        return user;
      },
      async freshStaff(role, district) {
        const user = await createUser(db());
        await grantRole(db(), user.id, role, district.id);
        return user;
      },
    };
  });

  afterAll(async () => {
    await api.close();
  });

  test.each(CASES)('$name', async ({ actor, make, status }) => {
    const self = actor === 'anonymous' ? world.outsider : world.users[actor];
    const call = await make(world, self);
    let req = request(server)[call.method](call.path);
    if (actor !== 'anonymous') {
      const session = world.sessions[actor];
      req = req.set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);
    }
    const res = call.body === undefined ? await req : await req.send(call.body);
    expect({ status: res.status, code: res.status >= 400 ? res.body.code : undefined }).toEqual({
      status,
      code: res.status >= 400 ? expect.any(String) : undefined,
    });
  });

  test.each(VISIBILITY.map(([viewer, target, visible]) => ({ viewer, target, visible })))(
    '$viewer lists users: $target visible = $visible',
    async ({ viewer, target, visible }) => {
      const session = viewer === 'coordinator of B' ? coordinatorOfB : world.sessions[viewer];
      const res = await request(server)
        .get('/api/users?pageSize=100')
        .set('Cookie', session.cookie)
        .expect(200);
      const ids = res.body.items.map((u: { id: string }) => u.id);
      expect(ids.includes(named[target]!.id)).toBe(visible);
    },
  );
});
