import { createOrganisation } from '@kiezfonds/testing';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

/**
 * A SUBMIT reads and locks its application once and checks the caller's scope on what it read
 * (it read and locked it twice before: scope check, then the record).
 */
describe('a lifecycle command reads its application once', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  const seen: string[] = [];
  let recording = false;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    const subscriber: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        if (recording) seen.push(event.query);
      },
    };
    api.app.get(DataSource).subscribers.push(subscriber);
  });

  afterAll(async () => {
    await api.close();
  });

  it('locks the application in the one query that reads it, and answers the new state', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    seen.length = 0;
    recording = true;
    let state = '';
    try {
      state = (await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(200)).body
        .state as string;
    } finally {
      recording = false;
    }
    expect(state).toBe('submitted');
    expect(seen.filter((q) => /FOR UPDATE OF a/.test(q))).toHaveLength(1);
    // Authentication, begin, lock-and-read, snapshot, double-funding check (2), notices (4),
    // update, audit, the answer's read, commit: 14 (it was 18 with four authentication queries).
    expect(seen.length).toBeLessThanOrEqual(14);
  });

  it("another organisation's carrier gets 404 and nothing changes", async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    const stranger = await world.carrierMember(await createOrganisation(api.db.dataSource));
    await world.event(stranger, draft.id, { type: 'SUBMIT' }).expect(404);
    await world.event(world.coordinator, draft.id, { type: 'WITHDRAW' }).expect(404);
    const after = await world.get(world.carrier, `/api/applications/${draft.id}`).expect(200);
    expect(after.body).toMatchObject({ state: 'draft', version: 2 });
  });
});
