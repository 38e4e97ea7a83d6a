import { freePort } from '@kiezfonds/platform';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { type AppProcess, buildApps, report, sleep, startApp } from './fault-harness';

interface Answer {
  status: number;
  body: unknown;
}

/**
 * Fault injection, issue 17: the API, a child process as in production, is SIGKILLed three times
 * during a burst of lifecycle commands (submit, formal check, into planning) on 20 applications
 * and approvals of 10 selected ones, which commit money in the ledger.
 * Every command carries its Idempotency-Key and is retried with it until it gets an answer, as a
 * careful client would. Afterwards each command, sent once more, gets the same answer, and each
 * transition happened exactly once.
 */
describe('fault: the API killed during a burst of lifecycle commands', () => {
  const APPLICATIONS = 20;
  const KILLS = 3;
  const STEPS = [
    { type: 'SUBMIT', by: 'carrier' },
    { type: 'PASS_FORMAL_CHECK', by: 'coordinator' },
    { type: 'START_PLANNING', by: 'coordinator' },
  ] as const;
  let setup: TestApi;
  let world: ApplicationWorld;
  let distDir: string;
  let port: number;
  let api: AppProcess | undefined;
  const ids: string[] = [];
  /** Selected applications (decision, sent list and Senate selection done) that the burst approves. */
  const selected: string[] = [];
  const APPROVE = { type: 'APPROVE', reportDeadlines: [{ kind: 'final', due: '2029-06-30' }] };
  /** Commands that had to be sent again because the API died under them or was starting. */
  let resent = 0;

  const env = () => ({
    DATABASE_URL: setup.db.url,
    REDIS_URL: setup.redis.url,
    QUEUE_PREFIX: setup.redis.prefix,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
  });

  async function send(
    actor: Actor,
    applicationId: string,
    type: string,
    event: Record<string, unknown> = { type },
  ): Promise<Answer> {
    const key = `${applicationId}:${type}`;
    for (let attempt = 1; ; attempt++) {
      if (attempt === 2) resent += 1;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/applications/${applicationId}/events`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Cookie: actor.session.cookie,
            'X-CSRF-Token': actor.session.csrfToken,
            'Idempotency-Key': key,
          },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(10_000),
        });
        const body: unknown = await response.json();
        // 503 while the database or the process is not there yet: retry as a client would.
        if (response.status < 500) return { status: response.status, body };
      } catch {
        // The process was killed under the request, or is starting: retry with the same key.
      }
      await sleep(200);
    }
  }

  beforeAll(async () => {
    distDir = buildApps('api-crashes');
    setup = await startTestApi();
    world = await ApplicationWorld.create(setup.server, setup.db.dataSource);
    const callId = (await world.openCall()).id;
    for (let i = 0; i < APPLICATIONS; i++) ids.push((await world.draft(callId)).id);
    selected.push(
      ...(await selectedApplications(world, await createCommittee(world, { votingMembers: 1 }), 10)),
    );
    port = await freePort();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await setup.close();
  });

  it('answers every retried command the same, and each took effect once', async () => {
    const started = Date.now();
    api = startApp(distDir, 'api', env());
    await api.printed('kiezfonds API listening');
    const answers = new Map<string, Answer>();
    const burst = Promise.all([
      ...ids.map(async (id) => {
        for (const step of STEPS) {
          const answer = await send(world[step.by], id, step.type);
          answers.set(`${id}:${step.type}`, answer);
        }
      }),
      ...selected.map(async (id) => {
        answers.set(`${id}:APPROVE`, await send(world.coordinator, id, 'APPROVE', APPROVE));
      }),
    ]);
    let kills = 0;
    const killer = (async () => {
      // The first kill once the burst is under way, not after a fixed time: on a fast machine (or
      // with the queues in PostgreSQL) the burst can be over within a second.
      while (answers.size < 10) await sleep(10);
      while (kills < KILLS) {
        if (kills > 0) await sleep(300 + Math.random() * 700);
        await api!.kill();
        kills += 1;
        api = startApp(distDir, 'api', env());
        await api.printed('kiezfonds API listening');
      }
    })();
    await Promise.all([burst, killer]);
    const resentDuringBurst = resent;
    // The kills hit commands in flight: some had to be sent again with their key.
    expect(resentDuringBurst).toBeGreaterThan(0);

    // Every command answered 200, and the same key answers the same again.
    for (const [key, answer] of answers) {
      expect({ key, status: answer.status }).toEqual({ key, status: 200 });
      const [id, type] = key.split(':') as [string, string];
      if (type === 'APPROVE') {
        expect(await send(world.coordinator, id, type, APPROVE)).toEqual(answer);
        continue;
      }
      const by = STEPS.find((s) => s.type === type)!.by;
      expect(await send(world[by], id, type)).toEqual(answer);
    }
    expect(answers.size).toBe(APPLICATIONS * STEPS.length + selected.length);

    // Each approval committed its money once: one commitment per cash year (2027, 2028), and the
    // fund's committed figure is exactly ten grants of 50.000,00 €.
    const commitments = (await setup.db.dataSource.query(
      `SELECT application_id, count(*)::int AS n FROM ledger_entry
        WHERE kind = 'commitment' AND application_id = ANY($1) GROUP BY application_id`,
      [selected],
    )) as { application_id: string; n: number }[];
    expect(commitments.map((c) => c.n).sort()).toEqual(Array<number>(selected.length).fill(2));
    const year = await world.get(world.finance, `/api/funds/${world.fundId}/years/2027`).expect(200);
    expect(year.body.committedCents).toBe(String(selected.length * 5_000_000));
    const approved = (await setup.db.dataSource.query(
      `SELECT count(*)::int AS n FROM application WHERE id = ANY($1) AND state = 'approved'`,
      [selected],
    )) as { n: number }[];
    expect(approved[0]!.n).toBe(selected.length);

    // One transition per command, and every application where the three commands lead.
    const transitions = (await setup.db.dataSource.query(
      `SELECT entity_id, count(*)::int AS n FROM audit_event
       WHERE entity_type = 'application' AND action = 'transition' AND entity_id = ANY($1)
       GROUP BY entity_id`,
      [ids],
    )) as { entity_id: string; n: number }[];
    expect(transitions).toHaveLength(APPLICATIONS);
    expect(transitions.every((t) => t.n === STEPS.length)).toBe(true);
    const approvals = (await setup.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event
       WHERE entity_type = 'application' AND action = 'transition' AND entity_id = ANY($1)
         AND payload->>'event' = 'APPROVE'`,
      [selected],
    )) as { n: number }[];
    expect(approvals[0]!.n).toBe(selected.length);
    const states = (await setup.db.dataSource.query(
      `SELECT DISTINCT state FROM application WHERE id = ANY($1)`,
      [ids],
    )) as { state: string }[];
    expect(states).toEqual([{ state: 'in_planning' }]);

    report({
      scenario: `API SIGKILLed ${kills} times during ${answers.size} lifecycle commands and approvals, ${resentDuringBurst} resent with their key (effects counted)`,
      expected: answers.size,
      delivered: transitions.reduce((sum, t) => sum + t.n, 0) + approvals[0]!.n,
      lost: 0,
      duplicated: transitions.reduce((sum, t) => sum + Math.max(t.n - STEPS.length, 0), 0),
      duplicatedWithOtherMessageId: 0,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
  }, 180_000);
});
