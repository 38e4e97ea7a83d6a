import { type ApplicationWorld as World, ApplicationWorld } from '../testing/application-world';
import { type CommitteeSetUp, createCommittee, inPlanning } from '../testing/committee-world';
import { startTestApi, type TestApi } from '../testing/test-api';

// ISO 8601 forms that class-validator's isISO8601({ strict: true }) passes but `new Date()` reads
// as an Invalid Date (which PostgreSQL then refuses), and a day JavaScript rolls over into March.
const WEEK_DATE = '2027-W05-3';
const NOT_INSTANTS = [WEEK_DATE, '2027-060', '20270301', '2027-02-30T10:00:00+01:00', '2027-03-01'];

describe('an instant field takes a date, a time and a zone, and answers anything else with 400', () => {
  let api: TestApi;
  let world: World;
  let ag: CommitteeSetUp;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 2 });
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api.close();
  });

  let titles = 0;
  const callBody = (submissionDeadline: string) => ({
    districtId: world.district.id,
    title: `Netzwerkfonds Test ${++titles}`,
    programmeYear: 2027,
    expectedBudgetCents: '50000000',
    submissionDeadline,
    actionFieldIds: world.actionFieldIds,
    areaIds: world.areaIds,
  });

  it('POST /api/calls refuses week, ordinal, basic and rolled-over dates as submissionDeadline', async () => {
    for (const value of NOT_INSTANTS) {
      const res = await world.post(world.coordinator, '/api/calls').send(callBody(value));
      expect({ value, status: res.status }).toEqual({ value, status: 400 });
      expect(res.body.details).toContainEqual(
        expect.objectContaining({ field: 'submissionDeadline', rule: 'instant' }),
      );
    }
  });

  it('POST /api/calls takes a deadline with a zone offset, with Z, and to the minute', async () => {
    for (const value of ['2027-01-31T23:59:00+01:00', '2027-01-31T22:59:00.000Z', '2027-01-31T23:59+01:00']) {
      const res = await world.post(world.coordinator, '/api/calls').send(callBody(value));
      expect({ value, status: res.status }).toEqual({ value, status: 201 });
    }
  });

  it('POST /api/calls takes six or nine fraction digits and keeps the deadline to the millisecond', async () => {
    for (const [value, kept] of [
      ['2027-01-31T22:59:59.123456Z', '2027-01-31T22:59:59.123Z'],
      ['2027-01-31T23:59:59.999999999+01:00', '2027-01-31T22:59:59.999Z'],
    ]) {
      const res = await world.post(world.coordinator, '/api/calls').send(callBody(value!));
      expect({ value, status: res.status }).toEqual({ value, status: 201 });
      expect(res.body.submissionDeadline).toBe(kept);
    }
  });

  it('POST /api/calls refuses ten fraction digits with 400 naming the field', async () => {
    const res = await world
      .post(world.coordinator, '/api/calls')
      .send(callBody('2027-01-31T22:59:59.1234567890Z'));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'submissionDeadline', rule: 'instant' }),
    ]);
  });

  it('PATCH /api/calls/:id keeps a deadline of 23:59:59.9999995 in its second, in the record and the audit', async () => {
    const created = await world.post(world.coordinator, '/api/calls').send(callBody('2027-01-31T22:00:00Z'));
    expect(created.status).toBe(201);
    const { districtId: _d, ...fields } = callBody('2027-01-31T23:59:59.9999995+01:00');
    const res = await world.patch(world.coordinator, `/api/calls/${created.body.id}`).send(fields);
    expect(res.status).toBe(200);
    // PostgreSQL rounds a text to microseconds, which here would be midnight, the next day.
    expect(res.body.submissionDeadline).toBe('2027-01-31T22:59:59.999Z');
    const [row] = await api.db.dataSource.query<{ stored: string; audited: string }[]>(
      `SELECT to_char(c.submission_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS stored,
              a.payload->>'submissionDeadline' AS audited
         FROM call c JOIN audit_event a ON a.entity_id = c.id::text AND a.action = 'call_changed'
        WHERE c.id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({ stored: '2027-01-31T22:59:59.999000', audited: '2027-01-31T23:59:59.999+01:00' });
  });

  it('REQUEST_CHANGES takes a replyDeadline with microseconds', async () => {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    const replyDeadline = new Date(Date.now() + 14 * 86_400_000).toISOString().replace('Z', '123Z');
    const res = await world.event(world.coordinator, id, {
      type: 'REQUEST_CHANGES',
      message: 'Bitte ergänzen',
      replyDeadline,
    });
    expect(res.status).toBe(200);
  });

  it('PATCH /api/calls/:id with submissionDeadline "2027-W05-3" answers 400 naming the field', async () => {
    const { districtId: _d, ...fields } = callBody(WEEK_DATE);
    const res = await world.patch(world.coordinator, `/api/calls/${callId}`).send(fields);
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'submissionDeadline' }));
  });

  it('PUT /api/calls/:id/review-setup with reviewDeadline "2027-W05-3" answers 400 naming the field', async () => {
    const res = await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({ reviewDeadline: WEEK_DATE, criteria: [] });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'reviewDeadline' }));
  });

  it('REQUEST_CHANGES with replyDeadline "2027-W05-3" answers 400 naming the field', async () => {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    const res = await world.event(world.coordinator, id, {
      type: 'REQUEST_CHANGES',
      message: 'Bitte ergänzen',
      replyDeadline: WEEK_DATE,
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'replyDeadline' }));
  });

  it('POST /api/applications/:id/written-votes with deadline "2027-W05-3" answers 400 naming the field', async () => {
    const id = await inPlanning(world, callId);
    const res = await world
      .post(world.coordinator, `/api/applications/${id}/written-votes`)
      .send({ motion: 'Empfehlung', deadline: WEEK_DATE });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'deadline' }));
  });

  it('POST /api/committees/:id/sessions with startsAt "2027-W05-3" answers 400 naming the field', async () => {
    const id = await inPlanning(world, callId);
    const res = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
      .send({ title: 'Sitzung', startsAt: WEEK_DATE, place: 'Rathaus', applicationIds: [id] });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'startsAt' }));
  });
});
