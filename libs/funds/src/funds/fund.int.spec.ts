import {
  createArea,
  createDistrict,
  createTestDatabase,
  createUser,
  type TestDatabase,
} from '@kiezfonds/testing';
import { FundService } from './fund.service';

describe('funds of a district', () => {
  let db: TestDatabase;
  let funds: FundService;
  let actorId: string;
  let districtId: string;
  let qmArea: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    funds = new FundService(db.dataSource);
    actorId = (await createUser(db.dataSource)).id;
    districtId = (await createDistrict(db.dataSource)).id;
    qmArea = (await createArea(db.dataSource, { districtId, name: 'Heerstraße Nord' })).id;
  });

  afterAll(() => db.drop());

  const create = (input: Partial<Parameters<FundService['create']>[1]>) =>
    db.dataSource.transaction((tx) =>
      funds.create(tx, { districtId, kind: 'netzwerkfonds', name: 'Netzwerkfonds', actorId, ...input }),
    );

  it('are one Netzwerkfonds per district and one fund of each tracked kind per QM area', async () => {
    const nwf = await create({});
    expect(nwf).toMatchObject({ kind: 'netzwerkfonds', areaId: null, districtId });
    for (const kind of ['aktionsfonds', 'projektfonds', 'baufonds'] as const) {
      expect(await create({ kind, areaId: qmArea, name: `${kind} Heerstraße Nord` })).toMatchObject({
        kind,
        areaId: qmArea,
      });
    }
    await expect(create({ name: 'Zweiter Netzwerkfonds' })).rejects.toMatchObject({ code: 'fund_exists' });
    await expect(create({ kind: 'aktionsfonds', areaId: qmArea, name: 'Noch einer' })).rejects.toMatchObject({
      code: 'fund_exists',
    });
    expect((await funds.listForDistrict(districtId)).map((f) => f.kind)).toEqual([
      'netzwerkfonds',
      'aktionsfonds',
      'baufonds',
      'projektfonds',
    ]);
    expect((await funds.get(nwf.id)).name).toBe('Netzwerkfonds');
    const [event] = await db.dataSource.query(
      `SELECT action, actor_id, district_id FROM audit_event WHERE entity_type = 'fund' AND entity_id = $1`,
      [nwf.id],
    );
    expect(event).toEqual({ action: 'create', actor_id: actorId, district_id: districtId });
  });

  it('need a QM area exactly when they are tracked funds', async () => {
    await expect(create({ kind: 'aktionsfonds' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'areaId', rule: 'required' }],
    });
    await expect(create({ areaId: qmArea })).rejects.toMatchObject({
      details: [{ field: 'areaId', rule: 'unknown_field' }],
    });
    const region = await createArea(db.dataSource, { districtId, kind: 'bezirksregion' });
    await expect(create({ kind: 'projektfonds', areaId: region.id })).rejects.toMatchObject({
      details: [{ field: 'areaId', rule: 'qmArea' }],
    });
    const foreignArea = await createArea(db.dataSource, {
      districtId: (await createDistrict(db.dataSource)).id,
    });
    await expect(create({ kind: 'projektfonds', areaId: foreignArea.id })).rejects.toMatchObject({
      details: [{ field: 'areaId', rule: 'qmArea' }],
    });
  });

  it('keep their district, kind and area, which the database enforces too', async () => {
    const area = await createArea(db.dataSource, { districtId });
    const fund = await create({ kind: 'baufonds', areaId: area.id, name: 'Baufonds' });
    await expect(
      db.dataSource.query(`UPDATE fund SET kind = 'projektfonds' WHERE id = $1`, [fund.id]),
    ).rejects.toThrow(/district, kind and area cannot change/);
    await db.dataSource.query(`UPDATE fund SET name = 'Baufonds Neustadt' WHERE id = $1`, [fund.id]);
    const region = await createArea(db.dataSource, { districtId, kind: 'aktionsraum' });
    await expect(
      db.dataSource.query(
        `INSERT INTO fund (district_id, kind, area_id, name) VALUES ($1, 'aktionsfonds', $2, 'AF')`,
        [districtId, region.id],
      ),
    ).rejects.toThrow(/belong to a QM area/);
    await expect(
      db.dataSource.query(
        `INSERT INTO fund (district_id, kind, area_id, name) VALUES ($1, 'aktionsfonds', NULL, 'AF')`,
        [districtId],
      ),
    ).rejects.toThrow(/fund_area_matches_kind/);
  });
});
