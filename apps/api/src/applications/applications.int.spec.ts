import { createApplication, createOrganisation } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('applications: drafts, autosave, submission and change requests over HTTP', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api.close();
  });

  it('gives a new draft a file number and lists what is still missing', async () => {
    const draft = await world.draft(callId, null);
    expect(draft).toMatchObject({ reference: expect.stringMatching(/^NWF-[A-Z0-9]+-2027-\d{4,}$/) });
    const detail = await world.get(world.carrier, `/api/applications/${draft.id}`).expect(200);
    expect(detail.body).toMatchObject({ state: 'draft', version: 1, editable: true });
    const fields = detail.body.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['summary', 'periodStart', 'costPlan']));
    expect(detail.body.allowedEvents).toEqual(['WITHDRAW']);
  });

  it('refuses an incomplete submission with the list of what is missing', async () => {
    const draft = await world.draft(callId, world.completeContent({ summary: '', goals: [] }));
    const res = await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(422);
    expect(res.body.code).toBe('application_incomplete');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['summary', 'goals']),
    );
    const after = await world.get(world.carrier, `/api/applications/${draft.id}`).expect(200);
    expect(after.body.state).toBe('draft');
  });

  it('refuses a plan whose sums do not add up, naming the cash year', async () => {
    const draft = await world.draft(
      callId,
      world.completeContent({
        financingPlan: [
          { cashYear: 2027, requestedCents: '900000', ownCents: '0', thirdPartyCents: '0' },
          { cashYear: 2028, requestedCents: '4100000', ownCents: '0', thirdPartyCents: '0' },
        ],
      }),
    );
    const res = await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(422);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'sums_mismatch' })]),
    );
  });

  it('refuses a submission after the deadline with a clear message', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    await api.db.dataSource.query(
      `UPDATE call SET submission_deadline = now() - interval '1 minute' WHERE id = $1`,
      [call.id],
    );
    const res = await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(422);
    expect(res.body.code).toBe('submission_deadline_passed');
    expect(res.body.message).toMatch(/Frist|frist/);
  });

  it('refuses a submission once the coordinator closed the call before its deadline', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    await world.post(world.coordinator, `/api/calls/${call.id}/close`).expect(200);
    const res = await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(422);
    expect(res.body.code).toBe('submission_deadline_passed');
    const rows = (await api.db.dataSource.query(`SELECT state FROM application WHERE id = $1`, [
      draft.id,
    ])) as { state: string }[];
    expect(rows).toEqual([{ state: 'draft' }]);
  });

  it('saves the content only from the version the carrier read (409 otherwise) and validates its shape', async () => {
    const draft = await world.draft(callId, null);
    await world
      .put(world.carrier, `/api/applications/${draft.id}/content`)
      .send({ version: 1, content: { summary: 'Erste Fassung' } })
      .expect(200);
    const stale = await world
      .put(world.carrier, `/api/applications/${draft.id}/content`)
      .send({ version: 1, content: { summary: 'Zweiter Tab' } })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict' });
    const bad = await world
      .put(world.carrier, `/api/applications/${draft.id}/content`)
      .send({
        version: 2,
        content: { costPlan: [{ cashYear: 2027, category: 'luxury', amountCents: '1,5' }] },
      })
      .expect(400);
    expect(bad.body.details[0].field).toMatch(/^content\.costPlan\[0\]\./);
    // A rule with a limit says the limit, in the words every other 400 uses.
    const tooLong = await world
      .put(world.carrier, `/api/applications/${draft.id}/content`)
      .send({ version: 2, content: { targetGroups: ['x'.repeat(201)] } })
      .expect(400);
    expect(tooLong.body.details).toEqual([
      {
        field: 'content.targetGroups[0]',
        rule: 'maxLength',
        message: 'Bitte geben Sie höchstens 200 Zeichen ein.',
      },
    ]);
    const kept = await world.get(world.carrier, `/api/applications/${draft.id}`).expect(200);
    expect(kept.body.content.summary).toBe('Erste Fassung');
  });

  it("keeps other organisations' applications and every draft away from others", async () => {
    const draft = await world.draft(callId);
    const other = await world.carrierMember(await createOrganisation(api.db.dataSource));
    await world.get(other, `/api/applications/${draft.id}`).expect(404);
    await world.get(world.coordinator, `/api/applications/${draft.id}`).expect(404);
    await world
      .put(other, `/api/applications/${draft.id}/content`)
      .send({ version: 2, content: {} })
      .expect(404);
    const list = await world.get(world.coordinator, '/api/applications?pageSize=100').expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(draft.id);
  });

  it('takes attachments by their content, stores the checksum and serves them only as downloads', async () => {
    const draft = await world.draft(callId);
    const added = await world
      .post(world.carrier, `/api/applications/${draft.id}/attachments`)
      .field('kind', 'budget_sheet')
      .attach('file', PDF, { filename: 'finanzplan.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(added.body).toMatchObject({
      kind: 'budget_sheet',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const html = await world
      .post(world.carrier, `/api/applications/${draft.id}/attachments`)
      .field('kind', 'other')
      .attach('file', Buffer.from('<!doctype html><script>fetch("/api/me")</script>'), {
        filename: 'bericht.pdf',
        contentType: 'application/pdf',
      })
      .expect(400);
    expect(html.body.details).toEqual([
      expect.objectContaining({ field: 'file', rule: 'fileTypeNotAllowed' }),
    ]);
    const download = await world
      .get(world.carrier, `/api/applications/${draft.id}/attachments/${added.body.id}`)
      .expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-type']).toBe('application/pdf');
  });

  it('sends the same event with one Idempotency-Key once, and refuses the key for another request', async () => {
    const draft = await world.draft(callId);
    const first = await world
      .event(world.carrier, draft.id, { type: 'SUBMIT' })
      .set('Idempotency-Key', `submit-${draft.id}`)
      .expect(200);
    const second = await world
      .event(world.carrier, draft.id, { type: 'SUBMIT' })
      .set('Idempotency-Key', `submit-${draft.id}`)
      .expect(200);
    expect(second.body).toEqual(first.body);
    const versions = await world.get(world.carrier, `/api/applications/${draft.id}/versions`).expect(200);
    expect(versions.body.items).toHaveLength(1);
    const transitions = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'transition'`,
      [draft.id],
    )) as { n: number }[];
    expect(transitions[0]!.n).toBe(1);
    const reused = await world
      .event(world.carrier, draft.id, { type: 'WITHDRAW' })
      .set('Idempotency-Key', `submit-${draft.id}`)
      .expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('records an interim report once per Idempotency-Key, and refuses the key for another text', async () => {
    const running = await createApplication(api.db.dataSource, {
      callId,
      organisationId: world.organisation.id,
      state: 'in_implementation',
    });
    const send = (text: string) =>
      world
        .post(world.carrier, `/api/applications/${running.id}/reports`)
        .set('Idempotency-Key', `interim-${running.id}`)
        .send({ kind: 'interim', text });
    const first = await send('Zwischenbericht: die Kochkurse laufen.').expect(201);
    // A retry after a lost answer gets the first answer, and the office reads one report.
    const again = await send('Zwischenbericht: die Kochkurse laufen.').expect(201);
    expect(again.body).toEqual(first.body);
    const reports = await world.get(world.carrier, `/api/applications/${running.id}/reports`).expect(200);
    expect(reports.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
    const audited = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'interim_report_submitted'`,
      [running.id],
    )) as { n: number }[];
    expect(audited[0]!.n).toBe(1);
    const reused = await send('Ein anderer Bericht.').expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('answers a wrong event with 409 and the events the caller may send', async () => {
    const draft = await world.draft(callId);
    const res = await world.event(world.carrier, draft.id, { type: 'APPROVE' }).expect(409);
    expect(res.body).toMatchObject({
      code: 'event_not_allowed',
      allowed: expect.arrayContaining(['SUBMIT']),
    });
    await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(200);
    const forbidden = await world.event(world.carrier, draft.id, { type: 'PASS_FORMAL_CHECK' }).expect(403);
    expect(forbidden.body.code).toBe('event_forbidden_for_role');
  });

  it('runs a change request: reply deadline, every version kept, the coordinator sees what changed', async () => {
    const draft = await world.draft(callId);
    await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(200);
    const noDeadline = await world
      .event(world.coordinator, draft.id, {
        type: 'REQUEST_CHANGES',
        message: 'Bitte Honorare aufschlüsseln.',
      })
      .expect(400);
    expect(noDeadline.body.details).toEqual([expect.objectContaining({ field: 'replyDeadline' })]);
    const replyDeadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const requested = await world
      .event(world.coordinator, draft.id, {
        type: 'REQUEST_CHANGES',
        message: 'Bitte Honorare aufschlüsseln.',
        replyDeadline,
      })
      .expect(200);
    expect(requested.body.state).toBe('changes_requested');

    const detail = await world.get(world.carrier, `/api/applications/${draft.id}`).expect(200);
    expect(detail.body.openChangeRequest).toMatchObject({ message: 'Bitte Honorare aufschlüsseln.' });
    const content = world.completeContent({
      costPlan: [
        { cashYear: 2027, category: 'fees', description: 'Honorar Kochkurs A', amountCents: '600000' },
        { cashYear: 2027, category: 'fees', description: 'Honorar Kochkurs B', amountCents: '400000' },
        {
          cashYear: 2028,
          category: 'material',
          description: 'Lebensmittel und Geschirr',
          amountCents: '4100000',
        },
      ],
    });
    await world
      .put(world.carrier, `/api/applications/${draft.id}/content`)
      .send({ version: detail.body.version, content })
      .expect(200);
    await world.event(world.carrier, draft.id, { type: 'SUBMIT', comment: 'Honorare je Kurs' }).expect(200);

    const versions = await world.get(world.coordinator, `/api/applications/${draft.id}/versions`).expect(200);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    const diff = await world
      .get(world.coordinator, `/api/applications/${draft.id}/diff?from=1&to=2`)
      .expect(200);
    const paths = diff.body.changes.map((c: { path: string }) => c.path);
    expect(paths.some((p: string) => p.startsWith('costPlan'))).toBe(true);
    const requests = await world
      .get(world.coordinator, `/api/applications/${draft.id}/change-requests`)
      .expect(200);
    expect(requests.body.items).toEqual([
      expect.objectContaining({ message: 'Bitte Honorare aufschlüsseln.', answeredVersion: 2 }),
    ]);

    // Whoever may read the versions may compare them: the carrier its own, board members once the
    // application is before the committee (the staff application page shows them the diff).
    const diffAs = (actor: typeof world.carrier) =>
      world.get(actor, `/api/applications/${draft.id}/diff?from=1&to=2`);
    expect((await diffAs(world.carrier).expect(200)).body).toEqual(diff.body);
    await diffAs(world.boardMember).expect(404);
    await world.event(world.coordinator, draft.id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    expect((await diffAs(world.boardMember).expect(200)).body).toEqual(diff.body);
  });

  it('accepts 200 concurrent submissions of different applications', async () => {
    const drafts = [];
    for (let i = 0; i < 200; i++) drafts.push(await world.draft(callId));
    const answers = await Promise.all(
      drafts.map((d) => world.event(world.carrier, d.id, { type: 'SUBMIT' }).then((res) => res.status)),
    );
    expect(answers.filter((status) => status === 200)).toHaveLength(200);
    const [row] = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM application WHERE id = ANY($1::uuid[]) AND state = 'submitted'`,
      [drafts.map((d) => d.id)],
    )) as { n: number }[];
    expect(row!.n).toBe(200);
    // 200 drafts made one by one over HTTP: a loaded CI machine needed more than the default 30 s.
  }, 120_000);
});
