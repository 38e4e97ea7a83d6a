import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { type ApplicationWorld as World, ApplicationWorld } from '../testing/application-world';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

/** The part of class-validator's (unexported) ValidationMetadata this test reads. */
interface RuleMetadata {
  type: string;
  name?: string;
  each?: boolean;
  propertyName: string;
  target: { name: string } | string;
}

/**
 * class-validator's ValidateNested({ each: true }) walks into a list item that is itself a list and
 * finds nothing wrong there: `[[]]` passed where a list of objects is expected.
 */
describe('a list of objects refuses an item that is a list', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  it('POST /api/registrations with legalRepresentatives [[]] answers 400 naming the item', async () => {
    const res = await request(api.server)
      .post('/api/registrations')
      .set('X-Forwarded-For', '198.51.100.77')
      .send({
        organisation: {
          name: 'Verschachtelt e. V.',
          legalForm: 'e. V.',
          street: 'Heerstraße 1',
          postalCode: '13593',
          city: 'Berlin',
          legalRepresentatives: [[]],
          vatDeductible: false,
        },
        user: { email: 'verschachtelt@example.org', displayName: 'V', language: 'de', password: PASSWORD },
      });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(
      expect.objectContaining({ field: 'organisation.legalRepresentatives', rule: 'isObject' }),
    );
  });

  it('POST /api/calls with requiredAttachments [[]] answers 400 naming the item', async () => {
    const res = await world.post(world.coordinator, '/api/calls').send({
      districtId: world.district.id,
      title: 'Netzwerkfonds verschachtelt',
      programmeYear: 2027,
      expectedBudgetCents: '50000000',
      submissionDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      actionFieldIds: world.actionFieldIds,
      areaIds: world.areaIds,
      requiredAttachments: [[]],
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(
      expect.objectContaining({ field: 'requiredAttachments', rule: 'isObject' }),
    );
  });

  it('PUT /api/calls/:id/review-setup with criteria [[]] answers 400 naming the item', async () => {
    const callId = (await world.openCall()).id;
    const res = await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({ reviewDeadline: null, criteria: [[]] });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'criteria', rule: 'isObject' }));
  });

  it('every list of nested objects in every request checks that each item is an object', () => {
    // The app is up, so every DTO class of every route has registered its rules.
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, RuleMetadata[]>;
    };
    const unchecked: string[] = [];
    let lists = 0;
    for (const metadatas of storage.validationMetadatas.values()) {
      for (const nested of metadatas.filter((m) => m.type === 'nestedValidation' && m.each)) {
        lists += 1;
        const checked = metadatas.some(
          (m) => m.propertyName === nested.propertyName && m.name === 'isObject' && m.each,
        );
        if (!checked)
          unchecked.push(
            `${typeof nested.target === 'string' ? nested.target : nested.target.name}.${nested.propertyName}`,
          );
      }
    }
    expect(lists).toBeGreaterThan(5);
    expect(unchecked).toEqual([]);
  });
});
