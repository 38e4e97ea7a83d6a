import { BalanceService } from '@kiezfonds/funds';
import { eventually } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import {
  APPROVAL,
  type CommitteeSetUp,
  createCommittee,
  selectedApplications,
} from '../testing/committee-world';

/** Well within the API's statement timeout (10 s), which would end a held command. */
const WITHIN_STATEMENT_TIMEOUT = 4_000;

/**
 * Approvals on one fund year wait for each other only while one commits (ADR 0025, issue 18): an
 * approval writes its entries without the fund year's lock and moves the year's counters at the
 * commit. What the lock guarded still holds: two approvals that each fit the budget alone, but not
 * together, end with one approved and one refused for the budget, and the refused one leaves
 * nothing behind.
 */
describe('approvals on one fund year: the counters move at the commit', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let committee: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { budgetCents: '500000000' });
    committee = await createCommittee(world, { votingMembers: 1 });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** What this database's other sessions are doing while they wait for a lock. */
  async function waitingStatements(): Promise<string[]> {
    const rows = (await api.db.dataSource.query(
      `SELECT query FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`,
    )) as { query: string }[];
    return rows.map((r) => r.query.trim());
  }

  async function counters() {
    const [row] = (await api.db.dataSource.query(
      `SELECT budget_cents::text AS budget, committed_cents::text AS committed, entry_count::int AS entries
         FROM fund_year_balance WHERE fund_id = $1 AND programme_year = 2027`,
      [world.fundId],
    )) as { budget: string; committed: string; entries: number }[];
    return row!;
  }

  it('two approvals that fit only one at a time: both write, both wait at COMMIT; one is approved, the other refused and leaves nothing', async () => {
    const ids = await selectedApplications(world, committee, 2);
    const [{ amount }] = (await api.db.dataSource.query(
      `SELECT requested_cents::text AS amount FROM application WHERE id = $1`,
      [ids[0]],
    )) as [{ amount: string }];
    // Room for exactly one of the two (each asks for the same amount).
    const before = await counters();
    const surplus = BigInt(before.budget) - BigInt(before.committed) - BigInt(amount!);
    await world
      .post(world.finance, `/api/funds/${world.fundId}/ledger`)
      .send({
        kind: 'budget_amendment',
        programmeYear: 2027,
        amountCents: surplus.toString(),
        direction: 'decrease',
        reason: 'Kürzung durch den Senat',
      })
      .expect(201);
    const reduced = await counters();

    // The test holds the fund year's counters row, as a posting committing at this instant would.
    const gate = api.db.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    let answers!: Promise<{ status: number; body: Record<string, unknown> }[]>;
    try {
      await gate.query(
        `SELECT 1 FROM fund_year_balance WHERE fund_id = $1 AND programme_year = 2027 FOR UPDATE`,
        [world.fundId],
      );
      // With Idempotency-Keys: the refused COMMIT must not leave the key answered either.
      answers = Promise.all(
        ids.map((id) =>
          world
            .event(world.coordinator, id, APPROVAL)
            .set('Idempotency-Key', `approve-${id}`)
            .then((r) => r),
        ),
      );
      // Each has written its grant notice and entries already and waits only in its COMMIT.
      await eventually(
        async () => expect(await waitingStatements()).toEqual(['COMMIT', 'COMMIT']),
        WITHIN_STATEMENT_TIMEOUT,
      );
    } finally {
      await gate.commitTransaction();
      await gate.release();
    }
    const answered = await answers;
    const approved = answered.filter((a) => a.status === 200);
    const refused = answered.filter((a) => a.status !== 200);
    expect(approved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.status).toBe(422);
    expect(refused[0]!.body.code).toBe('budget_exceeded');
    expect(refused[0]!.body.message).toBe('Das Budget des Fonds für dieses Programmjahr reicht nicht aus.');

    const after = await counters();
    expect(after).toEqual({
      budget: reduced.budget,
      committed: (BigInt(reduced.committed) + BigInt(amount!)).toString(),
      entries: reduced.entries + 2,
    });
    const refusedId = ids[approved[0] === answered[0] ? 1 : 0]!;
    const [left] = (await api.db.dataSource.query(
      `SELECT a.state, a.approved_cents,
              (SELECT count(*)::int FROM grant_notice WHERE application_id = a.id) AS notices,
              (SELECT count(*)::int FROM ledger_entry WHERE application_id = a.id) AS entries,
              (SELECT count(*)::int FROM ledger_project_balance WHERE application_id = a.id) AS project_counters,
              (SELECT count(*)::int FROM audit_event WHERE entity_id = a.id::text AND action = 'transition'
                 AND to_state = 'approved') AS approvals,
              (SELECT count(*)::int FROM ledger_counters_at_commit) AS pending
         FROM application a WHERE a.id = $1`,
      [refusedId],
    )) as Record<string, unknown>[];
    expect(left).toEqual({
      state: 'selected',
      approved_cents: null,
      notices: 0,
      entries: 0,
      project_counters: 0,
      approvals: 0,
      pending: 0,
    });
    // Every counter still equals the sum of its entries.
    expect((await api.app.get(BalanceService).audit(world.fundId, 2027)).consistent).toBe(true);

    // Sent again under their keys: the approval answers what it answered, the refusal is refused
    // again (it stored nothing), and nothing is booked twice.
    const again = await Promise.all(
      ids.map((id) =>
        world
          .event(world.coordinator, id, APPROVAL)
          .set('Idempotency-Key', `approve-${id}`)
          .then((r) => r),
      ),
    );
    expect(again.map((a) => [a.status, a.body.code])).toEqual(answered.map((a) => [a.status, a.body.code]));
    expect(again[ids.indexOf(refusedId) === 0 ? 1 : 0]!.body).toEqual(approved[0]!.body);
    expect(await counters()).toEqual(after);
  }, 180_000);
});
