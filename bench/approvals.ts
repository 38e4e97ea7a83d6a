/**
 * Approvals on one fund year (issue 18: ≥ 0.3 of the lock-and-commit anchor, zero overspend).
 *
 * APPROVE over HTTP, each request on a selected application of its own, all drawing on the one
 * Netzwerkfonds year of the district, against pgbench running the SQL an approval needs at its
 * core (lock the application and the fund year, read the counters, two commitment entries, the
 * counters, the state, the audit events and the notice) on a fund year of its own, back to back.
 * Every posting to a fund year waits for the one before it (LedgerService: the fund year's row
 * lock), so this is the slowest path of the ledger under load.
 *
 * The budget fits all but the last APPROVALS_REFUSED approvals: the figure then checks the budget
 * invariant after the load — nothing committed beyond the budget, exactly as many approvals as it
 * fits, each answered 200, the rest 422 `budget_exceeded`, counters equal to the sums of the entries.
 *
 *   BENCH_ONLY=approvals npm run bench      (APPROVALS=2000 for another count)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Money } from '@kiezfonds/domain';
import { BalanceService, LedgerService } from '@kiezfonds/funds';
import { createDataSource, migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import {
  createActionField,
  createArea,
  createCall,
  createDistrict,
  createFund,
  createOrganisation,
  createTestRedis,
  createUser,
  grantRole,
  setPassword,
} from '@kiezfonds/testing';
import type { DataSource } from 'typeorm';
import { signInOverHttp, startApiProcess } from './api-process';
import { type Figure, round, timedLoad } from './figure';
import { sampleContent } from './sample-content';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const APPROVALS = Number(process.env.APPROVALS ?? 1000);
const REFUSED = Number(process.env.APPROVALS_REFUSED ?? 50);
const CONNECTIONS = 16;
const PASSWORD = 'lange-sichere-passphrase-42';
/** Each application requests 50.000 €: 9.000 € in 2027 and 41.000 € in 2028. */
const AMOUNT_CENTS = 5_000_000n;
const APPROVAL = {
  type: 'APPROVE',
  reportDeadlines: [
    { kind: 'interim', due: '2028-03-31' },
    { kind: 'final', due: '2029-06-30' },
  ],
};

interface District {
  districtId: string;
  committeeId: string;
  callId: string;
  fundId: string;
  organisationId: string;
  body: Record<string, unknown>;
}

/** A district with a call, a Netzwerkfonds and its 2027 budget. */
async function district(
  db: DataSource,
  slug: string,
  budgetCents: bigint,
  actorId: string,
): Promise<District> {
  const { id: districtId } = await createDistrict(db, { slug, name: slug });
  const areaIds = [(await createArea(db, { districtId, name: 'Heerstraße Nord' })).id];
  const actionFieldIds = [(await createActionField(db, { districtId, name: 'Bildung' })).id];
  const call = await createCall(db, { districtId, programmeYear: 2027, status: 'closed' });
  await db.query(`INSERT INTO call_area (call_id, area_id) SELECT $1, unnest($2::uuid[])`, [
    call.id,
    areaIds,
  ]);
  await db.query(`INSERT INTO call_action_field (call_id, action_field_id) SELECT $1, unnest($2::uuid[])`, [
    call.id,
    actionFieldIds,
  ]);
  const fund = await createFund(db, { districtId, kind: 'netzwerkfonds', name: `Netzwerkfonds ${slug}` });
  await db.transaction((tx) =>
    new LedgerService().post(tx, {
      kind: 'budget',
      fundId: fund.id,
      programmeYear: 2027,
      amount: Money.fromCents(budgetCents),
      actorId,
    }),
  );
  const organisation = await createOrganisation(db);
  const [committee] = (await db.query(
    `INSERT INTO committee (district_id, name, short_name, quorum_numerator, quorum_denominator, majority)
     VALUES ($1, 'AG Stabile Kieze', 'AG SK', 1, 2, 'simple') RETURNING id`,
    [districtId],
  )) as { id: string }[];
  return {
    districtId,
    committeeId: committee!.id,
    callId: call.id,
    fundId: fund.id,
    organisationId: organisation.id,
    body: sampleContent(areaIds, actionFieldIds),
  };
}

/** Applications the Senate selected for their full amount: the state APPROVE starts from. */
async function selected(db: DataSource, d: District, userId: string, count: number): Promise<string[]> {
  const rows = (await db.query(
    `INSERT INTO application (call_id, organisation_id, title, created_by, state, content, requested_cents,
       senate_amount_cents, period_start, period_end, submitted_at)
     SELECT $1, $2, 'Kiezprojekt ' || n, $3, 'selected', $4, $5, $5, '2027-03-01', '2028-12-31', now()
       FROM generate_series(1, $6::integer) n
     RETURNING id`,
    [d.callId, d.organisationId, userId, JSON.stringify(d.body), AMOUNT_CENTS.toString(), count],
  )) as { id: string }[];
  // The committee's adopted decision each approval rests on and its grant notice cites.
  await db.query(
    `INSERT INTO committee_vote (committee_id, application_id, procedure, motion, opened_by, deadline,
       closed_at, closed_because, outcome, quorum_numerator, quorum_denominator, majority, abstentions_count_as_cast)
     SELECT $1, unnest($2::uuid[]), 'written', 'Förderung empfehlen', $3, now(), now(), 'all_voted', 'adopted',
            1, 2, 'simple', false`,
    [d.committeeId, rows.map((r) => r.id), userId],
  );
  return rows.map((r) => r.id);
}

/** pgbench: what one approval needs at its core, on a fund year with room for every transaction. */
function pgbenchApprove(databaseName: string, d: District, actorId: string, anchors: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-'));
  const script = join(dir, 'approve.sql');
  const fund = `'${d.fundId}'`;
  writeFileSync(
    script,
    `\\set n random(1, ${anchors})
BEGIN;
SELECT a.id, a.state, a.version FROM application a WHERE a.id = (SELECT id FROM bench_anchor WHERE n = :n) FOR UPDATE;
SELECT 1 FROM fund_year WHERE fund_id = ${fund} AND programme_year = 2027 FOR UPDATE;
SELECT budget_cents, committed_cents FROM fund_year_balance WHERE fund_id = ${fund} AND programme_year = 2027;
INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, application_id,
  grant_notice_ref, actor_id)
SELECT ${fund}, 'netzwerkfonds', 2027, c.y, 'commitment', c.a, b.id, 'NWF-BENCH-ZB', '${actorId}'
  FROM bench_anchor b, (VALUES (2027, 900000), (2028, 4100000)) c (y, a) WHERE b.n = :n;
UPDATE fund_year_balance SET committed_cents = committed_cents + 5000000, entry_count = entry_count + 2,
  updated_at = now() WHERE fund_id = ${fund} AND programme_year = 2027;
INSERT INTO ledger_project_balance (fund_id, programme_year, project_id, application_id, committed_cents)
SELECT ${fund}, 2027, id, id, 5000000 FROM bench_anchor WHERE n = :n
  ON CONFLICT (fund_id, programme_year, project_id)
  DO UPDATE SET committed_cents = ledger_project_balance.committed_cents + 5000000;
UPDATE fund_cash_year_balance c SET planned_cents = planned_cents + v.a
  FROM (VALUES (2027, 900000), (2028, 4100000)) v (y, a)
  WHERE c.fund_id = ${fund} AND c.programme_year = 2027 AND c.cash_year = v.y;
UPDATE application SET state = 'approved', version = version + 1, approved_cents = 5000000, approved_at = now(),
  updated_at = now() WHERE id = (SELECT id FROM bench_anchor WHERE n = :n);
INSERT INTO audit_event (entity_type, entity_id, action, actor_id, district_id, from_state, to_state, payload)
SELECT 'application', id::text, a.action, '${actorId}', '${d.districtId}', a.f, a.t, '{"event": "APPROVE"}'
  FROM bench_anchor, (VALUES ('transition', 'selected', 'approved'), ('commitment', NULL, NULL),
                             ('commitment', NULL, NULL)) a (action, f, t)
 WHERE n = :n;
INSERT INTO outbox (topic, delivery_key, payload) SELECT 'notice', 'bench:' || gen_random_uuid(), '{}';
COMMIT;
`,
  );
  const output = execFileSync(
    'pgbench',
    [
      // Prepared, as the API's connections run their statements (ADR 0022): the limit of this SQL.
      '-M',
      'prepared',
      '-n',
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-T',
      String(SECONDS),
    ].concat(['-f', script, databaseName]),
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? NaN);
  return { tps: round(tps, 1), latencyMs };
}

export async function approvalsFigure(): Promise<Figure> {
  const stamp = Date.now().toString(36);
  const databaseName = `kf_bench_approvals_${stamp}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName}`;
  const redis = createTestRedis();
  await migrateDatabase(databaseUrl);
  const db = await createDataSource(databaseUrl).initialize();
  const api = await startApiProcess({ databaseUrl, redisUrl: redis.url, queuePrefix: redis.prefix });
  const base = api.base;
  try {
    const coordinator = await createUser(db);
    await setPassword(db, coordinator.id, PASSWORD);
    const fits = BigInt(APPROVALS - REFUSED);
    const spandau = await district(db, 'spandau', fits * AMOUNT_CENTS, coordinator.id);
    await grantRole(db, coordinator.id, 'coordinator', spandau.districtId);
    const ids = await selected(db, spandau, coordinator.id, APPROVALS);

    // The anchor's fund year, in a district of its own, with room for every transaction.
    const anchors = 2000;
    const neukoelln = await district(db, 'neukoelln', 10n ** 15n, coordinator.id);
    const anchorIds = await selected(db, neukoelln, coordinator.id, anchors);
    await db.query(`CREATE TABLE bench_anchor (n integer PRIMARY KEY, id uuid NOT NULL)`);
    await db.query(
      `INSERT INTO bench_anchor SELECT ordinality, id FROM unnest($1::uuid[]) WITH ORDINALITY id`,
      [anchorIds],
    );
    await db.query(
      `INSERT INTO fund_cash_year_balance (fund_id, programme_year, cash_year) VALUES ($1, 2027, 2027), ($1, 2027, 2028)
       ON CONFLICT DO NOTHING`,
      [neukoelln.fundId],
    );
    await db.query(`VACUUM ANALYZE`);

    const staff = await signInOverHttp(base, coordinator.email, PASSWORD);
    let next = 0;
    const statuses = new Map<number, number>();
    const { result, requestsPerSecond: rate } = await timedLoad({
      url: base,
      connections: CONNECTIONS,
      amount: APPROVALS,
      method: 'POST',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(APPROVAL),
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `/api/applications/${ids[next++ % ids.length]}/events`,
          }),
          onResponse: (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1),
        },
      ],
    });
    const anchor = pgbenchApprove(databaseName, neukoelln, coordinator.id, anchors);

    // The budget invariant after the load.
    const [state] = (await db.query(
      `SELECT b.budget_cents::text AS budget, b.committed_cents::text AS committed,
              (SELECT count(*) FROM application WHERE call_id = $2 AND state = 'approved')::int AS approved,
              (SELECT coalesce(sum(approved_cents), 0) FROM application WHERE call_id = $2)::text AS approved_cents
       FROM fund_year_balance b WHERE b.fund_id = $1 AND b.programme_year = 2027`,
      [spandau.fundId, spandau.callId],
    )) as { budget: string; committed: string; approved: number; approved_cents: string }[];
    const audit = await new BalanceService(db).audit(spandau.fundId, 2027);
    const budget = BigInt(state!.budget);
    const committed = BigInt(state!.committed);
    const overspendCents = committed > budget ? committed - budget : 0n;
    const ok = statuses.get(200) ?? 0;
    const refused = statuses.get(422) ?? 0;
    const invariantHolds =
      overspendCents === 0n &&
      audit.consistent &&
      committed === BigInt(state!.approved_cents) &&
      committed === BigInt(state!.approved) * AMOUNT_CENTS &&
      state!.approved === ok &&
      ok === APPROVALS - REFUSED &&
      refused === REFUSED;

    const ratio = round(rate / anchor.tps);
    return {
      name: 'approvals-one-fund-year',
      figure: `APPROVE over HTTP, ${APPROVALS.toLocaleString('de-DE')} on one fund year, ${CONNECTIONS} connections`,
      project: {
        connections: CONNECTIONS,
        requestsPerSecond: rate,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        requests: result.requests.total,
        detail: {
          statuses: Object.fromEntries(statuses),
          budgetCents: budget.toString(),
          committedCents: committed.toString(),
          overspendCents: overspendCents.toString(),
          approved: state!.approved,
          countersMatchEntries: audit.consistent,
          invariantHolds,
        },
      } as Figure['project'],
      anchor: {
        what: 'pgbench, lock and commitment SQL, 16 clients',
        requestsPerSecond: anchor.tps,
        detail: { latencyAverageMs: anchor.latencyMs },
      },
      ratio,
      target: '≥ 0.3 of the anchor, zero overspend',
      met: ratio >= 0.3 && invariantHolds && result.errors + result.timeouts === 0,
      shown: {
        project:
          `${rate} approvals/s (p99 ${result.latency.p99} ms; ${ok} approved, ${refused} refused, ` +
          `overspend ${overspendCents} ct, invariant ${invariantHolds ? 'holds' : 'BROKEN'})`,
        anchor: `${anchor.tps}/s`,
      },
      loadAverage: loadavg().map((l) => round(l)),
    };
  } finally {
    await api.close();
    await db.destroy();
    await redis.cleanup();
    await withAdminClient('postgres://postgres@127.0.0.1:5432/postgres', (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
    );
  }
}
