import { createOrganisation } from '@kiezfonds/testing';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import { createCommittee, decideInWriting, finalisePlan } from '../testing/committee-world';

/**
 * The database round trips of one SUBMIT over HTTP, counted (not timed): a guard against their
 * creeping back (issue 18). The SQL a submission needs is begin, lock, snapshot, update, audit,
 * outbox, commit; it used to take 18, then 14 round trips.
 */
describe('a lifecycle command takes few database round trips', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  const seen: string[] = [];
  let recording = false;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    const subscriber: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        // The relay's wake-up after the commit (ADR 0021) is no round trip of the command: it runs
        // on a connection of its own, and the answer does not wait for it.
        if (recording && !/pg_notify\('outbox'/.test(event.query)) seen.push(event.query);
      },
    };
    api.app.get(DataSource).subscribers.push(subscriber);
  });

  afterAll(async () => {
    await api.close();
  });

  async function recorded(
    actor: ApplicationWorld['carrier'],
    id: string,
    event: Record<string, unknown>,
    idempotencyKey?: string,
  ) {
    seen.length = 0;
    recording = true;
    try {
      const request = world.event(actor, id, event);
      if (idempotencyKey) void request.set('Idempotency-Key', idempotencyKey);
      return (await request.expect(200)).body as { state: string; version: number; allowedEvents: string[] };
    } finally {
      recording = false;
    }
  }

  const submitRecorded = (id: string, idempotencyKey?: string) =>
    recorded(world.carrier, id, { type: 'SUBMIT' }, idempotencyKey);

  const APPROVE = { type: 'APPROVE', reportDeadlines: [{ kind: 'final', due: '2029-06-30' }] };

  /** An application the Senate selected in full, ready for its grant notice. */
  async function selectedApplication(where: ApplicationWorld = world): Promise<string> {
    const call = await where.openCall();
    const { id } = await where.draft(call.id);
    await where.event(where.carrier, id, { type: 'SUBMIT' }).expect(200);
    for (const type of ['PASS_FORMAL_CHECK', 'START_PLANNING']) {
      await where.event(where.coordinator, id, { type }).expect(200);
    }
    await decideInWriting(where, await createCommittee(where, { votingMembers: 1 }), id);
    await finalisePlan(where, call.id);
    await where
      .event(where.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(200);
    return id;
  }

  async function effectsOf(id: string) {
    const db = api.db.dataSource;
    const [audit] = (await db.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE entity_id = $1 AND action = 'transition' AND to_state = 'submitted'`,
      [id],
    )) as { n: number }[];
    const outbox = (await db.query(
      `SELECT payload->>'kind' AS kind, payload->'recipient'->>'userId' AS user_id FROM outbox
        WHERE delivery_key LIKE $1 ORDER BY 1`,
      [`application:${id}:%`],
    )) as { kind: string; user_id: string }[];
    const [versions] = (await db.query(
      `SELECT count(*)::int AS n FROM application_version WHERE application_id = $1`,
      [id],
    )) as { n: number }[];
    return { audits: audit!.n, outbox, versions: versions!.n };
  }

  it('submits in 7 round trips: caller, begin, lock-and-read with recipients, snapshot, double funding, state with audit and notices, commit', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    const answer = await submitRecorded(draft.id);
    expect(answer).toMatchObject({ state: 'submitted', version: 3 });
    // The answer's events are those of a submitted application for its carrier, without a reread.
    const detail = await world.get(world.carrier, `/api/applications/${draft.id}`).expect(200);
    expect(answer.allowedEvents).toEqual(detail.body.allowedEvents);
    expect(seen.filter((q) => /FOR UPDATE OF a/.test(q))).toHaveLength(1);
    // The application with its call is read once (the double-funding check read it a second time).
    expect(seen.filter((q) => /JOIN call c ON c\.id = a\.call_id/.test(q))).toHaveLength(1);
    // The notices go with the state (8 round trips before).
    expect(seen.filter((q) => /INSERT INTO outbox/.test(q))).toEqual([
      expect.stringMatching(/UPDATE application/),
    ]);
    expect(seen.length).toBeLessThanOrEqual(7);
    // Nothing of the guarantees went with the round trips: one snapshot, one audit event, a notice
    // for the carrier's member and one for the coordinator.
    expect(await effectsOf(draft.id)).toEqual({
      audits: 1,
      versions: 1,
      outbox: [
        { kind: 'application_received', user_id: world.coordinator.user.id },
        { kind: 'application_submitted', user_id: world.carrier.user.id },
      ],
    });
  });

  it('approves in 9 round trips: caller, begin, lock-and-read, double funding, state with audit and notice, grant notice, fund with counters, booking, commit, which moves the shared counters', async () => {
    // Every approval on a fund year waits for the one before it, and each round trip costs CPU on
    // both ends: issue 18 counts these (16 before: the record read again, the fund looked up three
    // times, the grant notice and the approved amount written apart, the notice apart from the state;
    // 11 while the fund year was locked before its counters were read, 10 with a savepoint before the
    // booking).
    const id = await selectedApplication();
    const answer = await recorded(world.coordinator, id, APPROVE);
    expect(answer).toMatchObject({ state: 'approved' });
    // The answer's events are those the application shows afterwards, without a reread.
    const detail = await world.get(world.coordinator, `/api/applications/${id}`).expect(200);
    expect(answer.allowedEvents).toEqual(detail.body.allowedEvents);
    // The record is read once, under its lock.
    expect(seen.filter((q) => /call_action_field_ids/.test(q))).toHaveLength(1);
    expect(seen.length).toBeLessThanOrEqual(9);
    // The booking leaves the fund year's counters to the commit (ADR 0025), so the other approvals
    // on the fund year wait only while it commits.
    const booking = seen.findIndex((q) => /INSERT INTO ledger_counters_at_commit/.test(q));
    expect(seen.slice(booking + 1)).toEqual(['COMMIT']);
    expect(seen.filter((q) => /UPDATE fund_year_balance|SAVEPOINT/.test(q))).toEqual([]);
    // Nothing of the approval went with the round trips: the notice, the amount, the commitments.
    const [approved] = (await api.db.dataSource.query(
      `SELECT a.approved_cents::text AS approved, g.amount_cents::text AS notice,
              (SELECT sum(amount_cents)::text FROM ledger_entry e WHERE e.application_id = a.id AND e.kind = 'commitment') AS committed,
              (SELECT count(*)::int FROM audit_event e WHERE e.entity_id = a.id::text AND e.to_state = 'approved') AS audits,
              (SELECT count(*)::int FROM outbox o WHERE o.delivery_key LIKE 'application:' || a.id || ':application_approved:%') AS mails
         FROM application a JOIN grant_notice g ON g.application_id = a.id WHERE a.id = $1`,
      [id],
    )) as unknown[];
    expect(approved).toEqual({
      approved: '5000000',
      notice: '5000000',
      committed: '5000000',
      audits: 1,
      mails: 1,
    });
  });

  it('an approval in a district without a Netzwerkfonds is refused and writes nothing', async () => {
    const db = api.db.dataSource;
    const fundless = await ApplicationWorld.create(api.server, db, {
      name: 'Reinickendorf',
      netzwerkfonds: false,
    });
    const id = await selectedApplication(fundless);
    const refused = await fundless.event(fundless.coordinator, id, APPROVE).expect(422);
    expect(refused.body).toMatchObject({ code: 'netzwerkfonds_missing' });
    const [after] = (await db.query(
      `SELECT a.state, a.approved_cents, a.approved_at,
              (SELECT count(*)::int FROM grant_notice g WHERE g.application_id = a.id) AS notices,
              (SELECT count(*)::int FROM ledger_entry e WHERE e.application_id = a.id) AS entries,
              (SELECT count(*)::int FROM outbox o WHERE o.delivery_key LIKE 'application:' || a.id || ':application_approved:%') AS mails
         FROM application a WHERE a.id = $1`,
      [id],
    )) as unknown[];
    expect(after).toEqual({
      state: 'selected',
      approved_cents: null,
      approved_at: null,
      notices: 0,
      entries: 0,
      mails: 0,
    });
  });

  it('with an Idempotency-Key writes the key once with its answer, and a retry answers the same without a second step', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    const key = `submit-${draft.id}`;
    const first = await submitRecorded(draft.id, key);
    expect(seen.filter((q) => /idempotency_key/.test(q))).toHaveLength(1);
    expect(seen.length).toBeLessThanOrEqual(8);
    const again = await submitRecorded(draft.id, key);
    expect(again).toEqual(first);
    const effects = await effectsOf(draft.id);
    expect(effects).toMatchObject({ audits: 1, versions: 1 });
    expect(effects.outbox).toHaveLength(2);
  });

  it('two submissions with the same Idempotency-Key at the same moment both answer the one step', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    const key = `twin-${draft.id}`;
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        world.event(world.carrier, draft.id, { type: 'SUBMIT' }).set('Idempotency-Key', key).expect(200),
      ),
    );
    expect(a!.body).toEqual(b!.body);
    expect(a!.body).toMatchObject({ state: 'submitted', version: 3 });
    const effects = await effectsOf(draft.id);
    expect(effects).toMatchObject({ audits: 1, versions: 1 });
    expect(effects.outbox).toHaveLength(2);
  });

  it('a second submission of the same application is refused with 409 naming the allowed events', async () => {
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    await submitRecorded(draft.id);
    const refused = await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'event_not_allowed', allowed: ['WITHDRAW'] });
    expect(await effectsOf(draft.id)).toMatchObject({ audits: 1, versions: 1 });
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
