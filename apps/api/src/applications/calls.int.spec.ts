import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

describe('calls (Aufrufe) over HTTP', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let neukoelln: ApplicationWorld;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    neukoelln = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
  });

  afterAll(async () => {
    await api.close();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    districtId: world.district.id,
    title: `Netzwerkfonds 2027 ${Math.random().toString(36).slice(2, 8)}`,
    programmeYear: 2027,
    expectedBudgetCents: '50000000',
    submissionDeadline: '2099-01-31T23:59:00+01:00',
    minAmountCents: '5000000',
    maxAmountCents: '15000000',
    actionFieldIds: world.actionFieldIds,
    areaIds: world.areaIds,
    requiredAttachments: [{ key: 'budget_sheet', label: 'Finanzplan (Tabelle)' }],
    ...overrides,
  });

  it('lets a coordinator create a draft, open it and close it, and records each step', async () => {
    const created = await world.post(world.coordinator, '/api/calls').send(body()).expect(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      districtName: 'Spandau',
      fundId: world.fundId,
      expectedBudgetCents: '50000000',
      requiredAttachments: [{ key: 'budget_sheet', label: 'Finanzplan (Tabelle)' }],
    });
    expect(created.body.areas.map((a: { id: string }) => a.id).sort()).toEqual([...world.areaIds].sort());

    const opened = await world.post(world.coordinator, `/api/calls/${created.body.id}/open`).expect(200);
    expect(opened.body.status).toBe('open');
    const again = await world.post(world.coordinator, `/api/calls/${created.body.id}/open`).expect(409);
    expect(again.body).toMatchObject({ code: 'call_status_conflict', allowed: ['close'] });

    await world.post(world.coordinator, `/api/calls/${created.body.id}/close`).expect(200);
    const audit = (await api.db.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'call' AND entity_id = $1 ORDER BY occurred_at, id`,
      [created.body.id],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['call_created', 'call_opened', 'call_closed']);
  });

  it('shows carriers open calls of every district but never a draft', async () => {
    const draft = await world.post(world.coordinator, '/api/calls').send(body()).expect(201);
    const open = await world.openCall();
    const list = await world.get(neukoelln.carrier, '/api/calls?status=open&pageSize=100').expect(200);
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.body.id);
    await world.get(neukoelln.carrier, `/api/calls/${draft.body.id}`).expect(404);
  });

  it("refuses another district's coordinator (404) and a carrier (403)", async () => {
    const call = await world.openCall();
    await world.post(neukoelln.coordinator, `/api/calls/${call.id}/close`).expect(404);
    await world.post(world.carrier, '/api/calls').send(body()).expect(403);
    await world
      .post(neukoelln.coordinator, '/api/calls')
      .send(body({ districtId: world.district.id }))
      .expect(403);
  });

  it('names each invalid field and rule, in German and in English', async () => {
    const res = await world
      .post(world.coordinator, '/api/calls')
      .send(
        body({
          expectedBudgetCents: '12,50',
          minAmountCents: '9000000',
          maxAmountCents: '6000000',
          areaIds: [],
        }),
      )
      .expect(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'expectedBudgetCents', rule: 'cents' })]),
    );
    const links = await world
      .post(world.coordinator, '/api/calls')
      .set('Accept-Language', 'en')
      .send(body({ areaIds: neukoelln.areaIds, minAmountCents: '9000000', maxAmountCents: '6000000' }))
      .expect(400);
    expect(links.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'maxAmountCents', rule: 'notBelowMinimum' })]),
    );
    const other = await world
      .post(world.coordinator, '/api/calls')
      .send(body({ areaIds: neukoelln.areaIds }))
      .expect(400);
    expect(other.body.details).toEqual([
      expect.objectContaining({
        field: 'areaIds',
        rule: 'notInDistrict',
        message: expect.stringContaining('Bezirk'),
      }),
    ]);
  });

  it('refuses a minimum below the Netzwerkfonds floor of 50 000 €, on creation and on change', async () => {
    const res = await world
      .post(world.coordinator, '/api/calls')
      .send(body({ minAmountCents: '4999999' }))
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'minAmountCents', rule: 'netzwerkfondsMinimum', message: expect.any(String) },
    ]);
    expect((res.body.details[0].message as string).replace(/\u00a0/g, ' ')).toBe(
      'Der Netzwerkfonds fördert Projekte ab 50.000,00 €; der Mindestbetrag des Aufrufs darf nicht darunter liegen.',
    );

    const created = await world.post(world.coordinator, '/api/calls').send(body()).expect(201);
    const { districtId: _districtId, ...fields } = body({ minAmountCents: 500000 });
    const changed = await world
      .patch(world.coordinator, `/api/calls/${created.body.id}`)
      .set('Accept-Language', 'en')
      .send(fields)
      .expect(400);
    expect(changed.body.details).toEqual([
      expect.objectContaining({
        field: 'minAmountCents',
        rule: 'netzwerkfondsMinimum',
        message: "The Netzwerkfonds funds projects from €50,000.00; the call's minimum must not be lower.",
      }),
    ]);
    const kept = await world.get(world.coordinator, `/api/calls/${created.body.id}`).expect(200);
    expect(kept.body.minAmountCents).toBe('5000000');
  });

  it('answers a title taken in the district and programme year with 409, on creation and on change', async () => {
    const title = 'Netzwerkfonds 2027 Kiezküchen';
    await world.post(world.coordinator, '/api/calls').send(body({ title })).expect(201);
    const twice = await world.post(world.coordinator, '/api/calls').send(body({ title })).expect(409);
    expect(twice.body).toMatchObject({ code: 'call_title_taken', message: expect.stringContaining('Titel') });
    // The same title in another programme year is another call.
    const other = await world
      .post(world.coordinator, '/api/calls')
      .send(body({ title, programmeYear: 2028 }))
      .expect(201);
    const { districtId: _d, ...fields } = body({ title });
    const renamed = await world
      .patch(world.coordinator, `/api/calls/${other.body.id}`)
      .send(fields)
      .expect(409);
    expect(renamed.body.code).toBe('call_title_taken');
  });

  it('gives a call without a minimum the Netzwerkfonds floor of 50 000 €', async () => {
    const { minAmountCents: _min, ...withoutMinimum } = body();
    const created = await world.post(world.coordinator, '/api/calls').send(withoutMinimum).expect(201);
    expect(created.body.minAmountCents).toBe('5000000');

    const { districtId: _districtId, ...fields } = withoutMinimum;
    const raised = await world
      .patch(world.coordinator, `/api/calls/${created.body.id}`)
      .send({ ...fields, minAmountCents: '8000000' })
      .expect(200);
    expect(raised.body.minAmountCents).toBe('8000000');
    const dropped = await world
      .patch(world.coordinator, `/api/calls/${created.body.id}`)
      .send(fields)
      .expect(200);
    expect(dropped.body.minAmountCents).toBe('5000000');
  });

  it('does not open a call whose deadline has passed', async () => {
    const created = await world
      .post(world.coordinator, '/api/calls')
      .send(body({ submissionDeadline: '2020-01-31T12:00:00Z' }))
      .expect(201);
    const res = await world.post(world.coordinator, `/api/calls/${created.body.id}/open`).expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'submissionDeadline', rule: 'inFuture' }),
    ]);
  });

  it('keeps call documents as downloads with their checksum, and refuses what is not an allowed type', async () => {
    const call = await world.openCall();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const added = await world
      .post(world.coordinator, `/api/calls/${call.id}/documents`)
      .field('title', 'Leitfaden')
      .attach('file', pdf, { filename: 'leitfaden.pdf', contentType: 'application/pdf' })
      .expect(201);
    const [document] = added.body.documents;
    expect(document).toMatchObject({
      title: 'Leitfaden',
      fileName: 'leitfaden.pdf',
      contentType: 'application/pdf',
    });

    const download = await world
      .get(world.carrier, `/api/calls/${call.id}/documents/${document.id}`)
      .expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(download.body as Buffer).equals(pdf)).toBe(true);

    const html = await world
      .post(world.coordinator, `/api/calls/${call.id}/documents`)
      .field('title', 'Nicht wirklich ein PDF')
      .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), {
        filename: 'leitfaden.pdf',
        contentType: 'application/pdf',
      })
      .expect(400);
    expect(html.body.details).toEqual([
      expect.objectContaining({ field: 'file', rule: 'fileTypeNotAllowed' }),
    ]);
  });

  it('answers an unknown call with 404 and a malformed id with 400', async () => {
    const missing = await world
      .get(world.carrier, '/api/calls/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(missing.body.code).toBe('call_not_found');
    await world.get(world.carrier, '/api/calls/kein-aufruf').expect(400);
  });
});
