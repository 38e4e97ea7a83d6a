import { createArea, createUser, setPassword, signIn } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';

// Corners with few decimals, as stored (the import keeps six).
const square = (lon: number, lat: number) => {
  const [east, north] = [Number((lon + 0.01).toFixed(6)), Number((lat + 0.01).toFixed(6))];
  return [
    [
      [lon, lat],
      [east, lat],
      [east, north],
      [lon, north],
      [lon, lat],
    ],
  ];
};
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (code: string, coordinates: unknown) => ({
  type: 'Feature',
  properties: { PLR_ID: code },
  geometry: { type: 'Polygon', coordinates },
});

/**
 * Issue 21: the outlines of the areas, imported from GeoJSON for the map — all or nothing, each
 * problem named by feature and member; the area list then carries each area's shape.
 */
describe('POST /api/districts/:id/area-shapes', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let senate: Actor;
  let planungsraumId: string;

  const upload = (actor: Actor, body: string, dryRun: boolean) =>
    world
      .post(actor, `/api/districts/${world.district.id}/area-shapes`)
      .field('dryRun', String(dryRun))
      .attach('file', Buffer.from(body, 'utf8'), {
        filename: 'plr.geojson',
        contentType: 'application/geo+json',
      });
  const stored = async () =>
    (
      (await api.db.dataSource.query(`SELECT shape FROM area WHERE id = $1`, [planungsraumId])) as {
        shape: unknown;
      }[]
    )[0]!.shape;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    const db = api.db.dataSource;
    planungsraumId = (
      await createArea(db, { districtId: world.district.id, kind: 'planungsraum', name: 'Im Spektefeld' })
    ).id;
    await db.query(`UPDATE area SET code = '05100101' WHERE id = $1`, [planungsraumId]);
    const user = await createUser(db);
    await db.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')`, [user.id]);
    await setPassword(db, user.id, PASSWORD);
    senate = { user, session: await signIn(api.server, user.email, PASSWORD) };
  });

  afterAll(async () => {
    await api.close();
  });

  it('names each wrong feature and member, saves nothing; a dry run of a valid file saves nothing either', async () => {
    const refused = await upload(
      world.coordinator,
      collection(feature('05100101', square(13.15, 52.55)), feature('99999999', square(13.2, 52.5))),
      false,
    ).expect(400);
    expect(refused.body.code).toBe('area_shapes_file_invalid');
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'PLR_ID',
        rule: 'csvUnknownArea',
        message: expect.any(String),
      }),
    ]);
    const notJson = await upload(world.coordinator, '{"type": "FeatureCollection",', false).expect(400);
    expect(notJson.body.details).toEqual([
      expect.objectContaining({ field: 'file', rule: 'geojsonNotFeatureCollection' }),
    ]);

    const dry = await upload(
      world.coordinator,
      collection(feature('05100101', square(13.15, 52.55))),
      true,
    ).expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, areas: 1 });
    expect(await stored()).toBeNull();
  });

  it('stores the shape, audited, and the area list carries it; the Senate imports nothing', async () => {
    const answer = await upload(
      world.coordinator,
      collection(feature('05100101', square(13.15, 52.55))),
      false,
    ).expect(201);
    expect(answer.body).toMatchObject({ dryRun: false, areas: 1 });
    expect(await stored()).toEqual([square(13.15, 52.55)]);
    const [audit] = (await api.db.dataSource.query(
      `SELECT payload FROM audit_event WHERE entity_type = 'area_shape_import' AND entity_id = $1`,
      [answer.body.importId],
    )) as { payload: { fileName: string; areas: number } }[];
    expect(audit!.payload).toEqual({ fileName: 'plr.geojson', areas: 1 });

    const list = await world.get(world.coordinator, '/api/areas?kind=planungsraum').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: planungsraumId, shape: [square(13.15, 52.55)], shapeSample: false }),
    ]);
    await upload(senate, collection(feature('05100101', square(13.15, 52.55))), false).expect(403);
  });
});
