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
 * finds nothing wrong there: `[[]]` passed where a list of objects is expected. IsObject({ each })
 * catches it, on the list; ValidateNested names any other non-object item a second time, on the
 * item. The validation pipe names each such item once, at the item.
 */
describe('a list of objects refuses an item that is not an object, and names it once', () => {
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
      expect.objectContaining({ field: 'organisation.legalRepresentatives.0', rule: 'isObject' }),
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
      expect.objectContaining({ field: 'requiredAttachments.0', rule: 'isObject' }),
    );
  });

  it('PUT /api/calls/:id/review-setup with criteria [[]] answers 400 naming the item', async () => {
    const callId = (await world.openCall()).id;
    const res = await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({ reviewDeadline: null, criteria: [[]] });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(
      expect.objectContaining({ field: 'criteria.0', rule: 'isObject' }),
    );
  });

  const REPRESENTATIVE = { name: 'Hanna Vogt', role: 'Vorstandsvorsitzende' };
  let ip = 10;
  const register = (organisation: object) =>
    request(api.server)
      .post('/api/registrations')
      .set('X-Forwarded-For', `198.51.100.${ip++}`)
      .send({
        organisation: {
          name: 'Einmal genannt e. V.',
          legalForm: 'e. V.',
          street: 'Heerstraße 1',
          postalCode: '13593',
          city: 'Berlin',
          legalRepresentatives: [REPRESENTATIVE],
          vatDeductible: false,
          ...organisation,
        },
        user: { email: `einmal${ip}@example.org`, displayName: 'E', language: 'de', password: PASSWORD },
      });
  const faults = (res: request.Response) =>
    (res.body.details as { field: string; rule: string }[]).map((d) => `${d.field}:${d.rule}`).sort();

  it('names an item that is not an object once, at the item, not again on the list', async () => {
    const res = await register({ legalRepresentatives: [REPRESENTATIVE, 5, null, 'Lotte Roth', []] });
    expect(res.status).toBe(400);
    expect(faults(res)).toEqual([
      'organisation.legalRepresentatives.1:isObject',
      'organisation.legalRepresentatives.2:isObject',
      'organisation.legalRepresentatives.3:isObject',
      'organisation.legalRepresentatives.4:isObject',
    ]);
    expect(res.body.details[0].message).toBe(
      'Bitte senden Sie hier ein Objekt mit Feldern, keine Liste und keinen einzelnen Wert.',
    );
  });

  it('names a list that is not a list once, as not a list, and nothing inside it', async () => {
    for (const legalRepresentatives of [5, 'Hanna Vogt', REPRESENTATIVE]) {
      const res = await register({ legalRepresentatives });
      expect({ legalRepresentatives, faults: faults(res) }).toEqual({
        legalRepresentatives,
        faults: ['organisation.legalRepresentatives:isArray'],
      });
    }
  });

  it('names an object that is not an object once, and nothing inside it', async () => {
    for (const organisation of [42, [{}], []]) {
      const res = await request(api.server)
        .post('/api/registrations')
        .set('X-Forwarded-For', `198.51.100.${ip++}`)
        .send({
          organisation,
          user: { email: 'objekt@example.org', displayName: 'O', language: 'de', password: PASSWORD },
        });
      expect({ organisation, faults: faults(res) }).toEqual({
        organisation,
        faults: ['organisation:isObject'],
      });
    }
  });

  it('names a non-object item once in the organisation data, the call and the review setup alike', async () => {
    const organisation = await world
      .patch(world.carrier, `/api/organisations/${world.organisation.id}`)
      .send({ legalRepresentatives: [REPRESENTATIVE, 'Lotte Roth'] });
    expect(faults(organisation)).toEqual(['legalRepresentatives.1:isObject']);

    const call = await world.post(world.coordinator, '/api/calls').send({
      districtId: world.district.id,
      title: 'Netzwerkfonds einmal genannt',
      programmeYear: 2027,
      expectedBudgetCents: '50000000',
      submissionDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      actionFieldIds: world.actionFieldIds,
      areaIds: world.areaIds,
      requiredAttachments: [5],
    });
    expect(faults(call)).toEqual(['requiredAttachments.0:isObject']);

    const callId = (await world.openCall()).id;
    const review = await world.put(world.coordinator, `/api/calls/${callId}/review-setup`).send({
      reviewDeadline: null,
      criteria: ['Wirkung', [], { key: 'wirkung', label: 'Wirkung', weight: 1, maxScore: 5 }],
    });
    expect(faults(review)).toEqual(['criteria.0:isObject', 'criteria.1:isObject']);
  });

  it('every list of nested objects in every request checks that it is a list and each item an object', () => {
    // The app is up, so every DTO class of every route has registered its rules.
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, RuleMetadata[]>;
    };
    const unchecked: string[] = [];
    let lists = 0;
    for (const metadatas of storage.validationMetadatas.values()) {
      for (const nested of metadatas.filter((m) => m.type === 'nestedValidation' && m.each)) {
        lists += 1;
        // The pipe names a list that is no list by `isArray` alone, and so needs the rule there.
        const checked =
          metadatas.some((m) => m.propertyName === nested.propertyName && m.name === 'isObject' && m.each) &&
          metadatas.some((m) => m.propertyName === nested.propertyName && m.name === 'isArray');
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
