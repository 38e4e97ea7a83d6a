import { randomUUID } from 'node:crypto';
import { createOrganisation } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

const HEADER = 'Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger';

/**
 * Issue 21: an application may continue a project of an earlier year imported from a file — the
 * carrier's own, imported in the application's district — chosen from the options the API lists;
 * any other id is refused with 400 naming `predecessorId`.
 */
describe('an imported project as the predecessor of an application', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let elsewhere: ApplicationWorld;
  let callId: string;
  let own: string;
  let otherCarrier: string;
  let otherDistrict: string;

  async function importRows(target: ApplicationWorld, ...rows: string[]): Promise<string[]> {
    const answer = await target
      .post(target.coordinator, `/api/districts/${target.district.id}/past-projects?dryRun=false`)
      .attach('file', Buffer.from([HEADER, ...rows].join('\n'), 'utf8'), `altprojekte-${randomUUID()}.csv`)
      .expect(201);
    return (answer.body.rows as { id: string }[]).map((r) => r.id);
  }

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Spandau' });
    elsewhere = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
    callId = (await world.openCall()).id;
    const stranger = await createOrganisation(api.db.dataSource);
    const carrier = world.organisation.name;
    const imported = await importRows(
      world,
      `Projektfonds;2025;${carrier};Kiezküche im Hof;9.000,00;01.01.2025;31.12.2025;Falkenhagener Feld;`,
      `Aktionsfonds;2025;${stranger.name};Hoffest;800,00;01.05.2025;31.05.2025;Falkenhagener Feld;`,
    );
    own = imported[0]!;
    otherCarrier = imported[1]!;
    // Carriers are Berlin-wide: the same carrier's project, imported by another district.
    otherDistrict = (
      await importRows(
        elsewhere,
        `Baufonds;2024;${carrier};Spielplatz;50.000,00;01.03.2024;30.11.2024;Falkenhagener Feld;`,
      )
    )[0]!;
  });

  afterAll(async () => {
    await api.close();
  });

  it('lists the carrier’s imported projects of the district, not another carrier’s nor another district’s', async () => {
    const { id } = await world.draft(callId, null);
    const answer = await world.get(world.carrier, `/api/applications/${id}/predecessor-options`).expect(200);
    expect(answer.body.items).toEqual([
      {
        id: own,
        kind: 'imported',
        reference: null,
        title: 'Kiezküche im Hof',
        fundKind: 'projektfonds',
        programmeYear: 2025,
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
      },
    ]);
    // A draft is the carrier's own: staff elsewhere do not see it, nor its options.
    await elsewhere.get(elsewhere.coordinator, `/api/applications/${id}/predecessor-options`).expect(404);
  });

  it('refuses any other predecessor with 400 naming the field, and saves the own imported one', async () => {
    const { id } = await world.draft(callId, null);
    const save = (predecessorId: string) =>
      world
        .put(world.carrier, `/api/applications/${id}/content`)
        .send({ version: 1, content: world.completeContent({ predecessorId }) });

    for (const [predecessorId, rule] of [
      [otherDistrict, 'predecessor_other_district'],
      [otherCarrier, 'predecessor_not_found'],
      [randomUUID(), 'predecessor_not_found'],
      [id, 'predecessor_not_found'],
    ] as const) {
      const refused = await save(predecessorId).expect(400);
      expect({ predecessorId, details: refused.body.details }).toEqual({
        predecessorId,
        details: [expect.objectContaining({ field: 'predecessorId', rule, message: expect.any(String) })],
      });
    }
    const refused = await save(otherDistrict).set('Accept-Language', 'en').expect(400);
    expect(refused.body.details[0].message).toContain('another district');

    await save(own).expect(200);
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    expect(detail.body.content.predecessorId).toBe(own);
    expect(detail.body.formalCheck.predecessors).toEqual([
      expect.objectContaining({ id: own, title: 'Kiezküche im Hof', funded: true }),
    ]);
  });
});
