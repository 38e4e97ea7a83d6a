/**
 * How fast finance staff get a fund's balance when the ledger is large: fills a throw-away
 * database with 1 000 000 ledger entries (half of them in the one fund year that is measured),
 * derives the balance counters from them the way the posting service keeps them, then times the
 * balance query, the district's fund list, the breakdowns by area and action field, the whole
 * district overview over all funds and years (issue 18: ≤ 5 ms median at 10 M entries), a posting,
 * and (for contrast) summing the entries directly. Writes its figures to bench/results/.
 *
 *   npm run bench:ledger            (ENTRIES=10000000 RUNS=500 npm run bench:ledger for other sizes)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { loadConfig } from '@kiezfonds/config';
import { Money } from '@kiezfonds/domain';
import { BalanceService, LedgerService } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { createDataSource, migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import type { DataSource } from 'typeorm';
import { DistrictBalanceService } from '../libs/funds/src/balances/district-balance.service';

const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 200);
/** Entries per project: one commitment, 98 disbursements, one repayment. */
const PER_PROJECT = 100;
const PROGRAMME_YEAR = 2027;
/** Issue 18: the district overview over all funds and years at 10 M entries. */
const OVERVIEW_TARGET_MS = 5;

interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

async function time(runs: number, work: () => Promise<unknown>, warmup = 20): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  const round = (ms: number) => Number(ms.toFixed(3));
  return { runs, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(samples.at(-1)!) };
}

async function seconds<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2))];
}

/**
 * One district with a Netzwerkfonds and, in three QM areas, an Aktions-, Projekt- and Baufonds.
 * Half the projects are Netzwerkfonds applications of programme year 2027 (the fund year that is
 * measured); the other half are tracked projects spread over the nine other funds and ten years.
 */
async function fill(db: DataSource): Promise<{ nwfId: string; districtId: string; actorId: string }> {
  const projects = Math.floor(ENTRIES / PER_PROJECT);
  const applications = Math.floor(projects / 2);
  const [{ id: actorId }] = await db.query(
    `INSERT INTO app_user (email, display_name) VALUES ('bench@kiezfonds.example', 'Bench') RETURNING id`,
  );
  const [{ id: districtId }] = await db.query(
    `INSERT INTO district (slug, name) VALUES ('spandau', 'Spandau') RETURNING id`,
  );
  const [{ id: organisationId }] = await db.query(
    `INSERT INTO organisation (name, legal_form, street, postal_code) VALUES ('Kiez e. V.', 'e.V.', 'Str. 1', '13591')
     RETURNING id`,
  );
  const [{ id: callId }] = await db.query(
    `INSERT INTO call (district_id, fund_kind, programme_year, title, status, expected_budget_cents, submission_deadline)
     VALUES ($1, 'netzwerkfonds', $2, 'Netzwerkfonds 2027', 'closed', 0, now()) RETURNING id`,
    [districtId, PROGRAMME_YEAR],
  );
  const [{ id: nwfId }] = await db.query(
    `INSERT INTO fund (district_id, kind, name) VALUES ($1, 'netzwerkfonds', 'Netzwerkfonds Spandau') RETURNING id`,
    [districtId],
  );
  await db.query(
    `INSERT INTO action_field (district_id, name, slug)
     SELECT $1, 'Handlungsfeld ' || n, 'handlungsfeld-' || n FROM generate_series(1, 5) n`,
    [districtId],
  );
  await db.query(
    `INSERT INTO area (district_id, kind, name, slug)
     SELECT $1, 'qm_area', 'QM-Gebiet ' || n, 'qm-' || n FROM generate_series(1, 3) n`,
    [districtId],
  );
  await db.query(
    `INSERT INTO fund (district_id, kind, area_id, name)
     SELECT a.district_id, k.kind, a.id, k.kind || ' ' || a.name
     FROM area a CROSS JOIN (VALUES ('aktionsfonds'), ('projektfonds'), ('baufonds')) k (kind)
     WHERE a.district_id = $1`,
    [districtId],
  );

  await db.query(`CREATE TABLE bench_project (
    n integer PRIMARY KEY, project_id uuid NOT NULL, is_application boolean NOT NULL,
    fund_id uuid NOT NULL, fund_kind text NOT NULL, programme_year integer NOT NULL)`);
  await db.query(
    `WITH apps AS (
       INSERT INTO application (call_id, organisation_id, title, state)
       SELECT $1, $2, 'Projekt ' || n, 'in_implementation' FROM generate_series(1, $3) n RETURNING id
     )
     INSERT INTO bench_project
     SELECT row_number() OVER (), id, true, $4, 'netzwerkfonds', $5 FROM apps`,
    [callId, organisationId, applications, nwfId, PROGRAMME_YEAR],
  );
  await db.query(
    `WITH funds AS (
       SELECT f.id, f.kind, f.area_id, row_number() OVER (ORDER BY f.id) - 1 AS i
       FROM fund f WHERE f.district_id = $1 AND f.kind <> 'netzwerkfonds'
     ), fields AS (
       SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM action_field WHERE district_id = $1
     ), planned AS (
       SELECT n, funds.id AS fund_id, funds.kind, funds.area_id, fields.id AS action_field_id,
              2020 + n % 10 AS programme_year
       FROM generate_series($2::int + 1, $3::int) n
       JOIN funds ON funds.i = n % 9
       JOIN fields ON fields.i = n % 5
     ), tracked AS (
       INSERT INTO tracked_project (district_id, fund_id, fund_kind, organisation_id, title, area_id,
         action_field_id, decision_date, period_start, period_end, amount_cents)
       SELECT $1, fund_id, kind, $4, 'Aktion ' || n, area_id, action_field_id,
              make_date(programme_year, 3, 1), make_date(programme_year, 3, 1), make_date(programme_year, 12, 31), 1000000
       FROM planned ORDER BY n
       RETURNING id, fund_id, fund_kind, decision_date
     )
     INSERT INTO bench_project
     SELECT $2 + row_number() OVER (), id, false, fund_id, fund_kind, extract(year FROM decision_date)::int FROM tracked`,
    [districtId, applications, projects, organisationId],
  );

  // A fund year exists with its budget: the sum of its commitments plus a margin.
  await db.query(
    `INSERT INTO fund_year (fund_id, programme_year) SELECT DISTINCT fund_id, programme_year FROM bench_project`,
  );
  await db.query(
    `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, actor_id)
     SELECT fund_id, fund_kind, programme_year, programme_year, 'budget', count(*) * 1000000 + 5000000, $1
     FROM bench_project GROUP BY fund_id, fund_kind, programme_year ORDER BY programme_year, fund_id`,
    [actorId],
  );
  // Per project: a commitment of 10.000 €, 98 payments of 100 € over three cash years, 50 € repaid.
  await db.query(
    `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents,
       application_id, tracked_project_id, call_off_ref, actor_id)
     SELECT p.fund_id, p.fund_kind, p.programme_year, p.programme_year + i % 3,
            CASE WHEN i = 0 THEN 'commitment' WHEN i = $2 - 1 THEN 'repayment' ELSE 'disbursement' END,
            CASE WHEN i = 0 THEN 1000000 WHEN i = $2 - 1 THEN 5000 ELSE 10000 END,
            CASE WHEN p.is_application THEN p.project_id END,
            CASE WHEN NOT p.is_application THEN p.project_id END,
            CASE WHEN i > 0 AND i < $2 - 1 THEN 'MA-' || p.n || '-' || i END,
            $1
     FROM bench_project p CROSS JOIN generate_series(0, $2 - 1) i
     ORDER BY p.n, i`,
    [actorId, PER_PROJECT],
  );

  // The counters, derived from the entries as LedgerService.post would have kept them.
  await db.query(
    `INSERT INTO fund_year_balance (fund_id, programme_year, budget_cents, committed_cents, disbursed_cents,
       repaid_cents, entry_count)
     SELECT fund_id, programme_year, sum(budget_cents), sum(committed_cents), sum(disbursed_cents),
            sum(repaid_cents), count(*)
     FROM ledger_entry_effect GROUP BY fund_id, programme_year`,
  );
  await db.query(
    `INSERT INTO ledger_project_balance (fund_id, programme_year, project_id, application_id, tracked_project_id,
       committed_cents, disbursed_cents, repaid_cents)
     SELECT e.fund_id, e.programme_year, e.project_id,
            CASE WHEN p.is_application THEN e.project_id END, CASE WHEN NOT p.is_application THEN e.project_id END,
            sum(e.committed_cents), sum(e.disbursed_cents), sum(e.repaid_cents)
     FROM ledger_entry_effect e JOIN bench_project p ON p.project_id = e.project_id
     GROUP BY e.fund_id, e.programme_year, e.project_id, p.is_application`,
  );
  await db.query(
    `INSERT INTO fund_cash_year_balance (fund_id, programme_year, cash_year, planned_cents, disbursed_cents, repaid_cents)
     SELECT fund_id, programme_year, cash_year, sum(committed_cents), sum(disbursed_cents), sum(repaid_cents)
     FROM ledger_entry_effect GROUP BY fund_id, programme_year, cash_year`,
  );
  await db.query(
    `INSERT INTO ledger_action_field_balance (fund_id, programme_year, action_field_id, committed_cents,
       disbursed_cents, repaid_cents)
     SELECT p.fund_id, p.programme_year, tp.action_field_id, sum(p.committed_cents), sum(p.disbursed_cents),
            sum(p.repaid_cents)
     FROM ledger_project_balance p LEFT JOIN tracked_project tp ON tp.id = p.tracked_project_id
     GROUP BY p.fund_id, p.programme_year, tp.action_field_id`,
  );
  await db.query(`DROP TABLE bench_project`);
  await db.query(`VACUUM ANALYZE`);
  return { nwfId, districtId, actorId };
}

async function main(): Promise<void> {
  const stamp = Date.now().toString(36);
  const name = `kf_bench_ledger_${stamp}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  await migrateDatabase(databaseUrl);
  // Prepared statements as the API's connections keep them (ADR 0022).
  const db = await createDataSource(databaseUrl, {
    preparedStatements: loadConfig({}).DATABASE_PREPARED_STATEMENTS,
  }).initialize();
  try {
    const [{ nwfId, districtId, actorId }, fillSeconds] = await seconds(() => fill(db));
    const [{ entries, size }] = await db.query(
      `SELECT count(*)::int AS entries, pg_size_pretty(pg_total_relation_size('ledger_entry')) AS size FROM ledger_entry`,
    );
    const [{ inFundYear }] = await db.query(
      `SELECT count(*)::int AS "inFundYear" FROM ledger_entry WHERE fund_id = $1 AND programme_year = $2`,
      [nwfId, PROGRAMME_YEAR],
    );
    console.log(
      `filled ${entries} entries (${size}) in ${fillSeconds} s; ${inFundYear} in the measured fund year`,
    );

    const balances = new BalanceService(db);
    const ledger = new LedgerService();
    const [audit, auditSeconds] = await seconds(() => balances.audit(nwfId, PROGRAMME_YEAR));
    if (!audit.consistent) throw new Error(`counters do not match the entries: ${JSON.stringify(audit)}`);
    const view = await balances.fundYear(nwfId, PROGRAMME_YEAR);
    console.log(
      `Netzwerkfonds ${PROGRAMME_YEAR}: budget ${view.budget.format('de')}, committed ${view.committed.format('de')}, ` +
        `paid ${view.paid.format('de')}, ${view.cashYears.length} cash years`,
    );

    const fundYear = await time(RUNS, () => balances.fundYear(nwfId, PROGRAMME_YEAR));
    const district = await time(RUNS, () => balances.district(districtId, PROGRAMME_YEAR));
    const byArea = await time(RUNS, () => balances.byArea(districtId, PROGRAMME_YEAR));
    const byActionField = await time(RUNS, () => balances.byActionField(districtId, 2025));
    // The district overview finance staff open (totals, every fund, by area, by action field, in
    // one snapshot), each run for the next of the ten programme years: all funds and all years.
    const overviews = new DistrictBalanceService(db, balances);
    const finance: Principal = {
      userId: actorId,
      email: 'bench@kiezfonds.example',
      displayName: 'Bench',
      language: 'de',
      roles: [{ role: 'finance', districtId }],
      organisations: [],
      via: 'session',
    };
    let run = 0;
    const overview = await time(RUNS, () => overviews.overview(finance, districtId, 2020 + (run++ % 10)));
    const [application] = await db.query(
      `SELECT application_id AS id FROM ledger_project_balance WHERE fund_id = $1 AND programme_year = $2 LIMIT 1`,
      [nwfId, PROGRAMME_YEAR],
    );
    const posting = await time(
      Math.min(RUNS, 100),
      () =>
        db.transaction((tx) =>
          ledger.post(tx, {
            kind: 'disbursement',
            fundId: nwfId,
            programmeYear: PROGRAMME_YEAR,
            cashYear: PROGRAMME_YEAR,
            amount: Money.fromCents(1),
            project: { applicationId: application.id },
            actorId,
          }),
        ),
      5,
    );
    // For contrast: what every balance read would cost without the counters.
    const summingEntries = await time(
      10,
      () =>
        db.query(
          `SELECT sum(budget_cents), sum(committed_cents), sum(disbursed_cents), sum(repaid_cents)
           FROM ledger_entry_effect WHERE fund_id = $1 AND programme_year = $2`,
          [nwfId, PROGRAMME_YEAR],
        ),
      2,
    );
    const afterPostings = await balances.audit(nwfId, PROGRAMME_YEAR);
    if (!afterPostings.consistent) throw new Error('counters drifted from the entries while posting');

    const result = {
      benchmark: 'ledger-balances',
      date: new Date().toISOString(),
      entries,
      entriesInMeasuredFundYear: inFundYear,
      ledgerTableSize: size,
      fillSeconds,
      targetMedianMs: 10,
      balanceQuery: fundYear,
      districtOverview: district,
      byArea,
      byActionField,
      districtOverviewAllFundsAndYears: overview,
      overviewTargetMedianMs: OVERVIEW_TARGET_MS,
      postingWithAuditEvent: posting,
      summingEntriesInstead: summingEntries,
      auditAgainstEntriesSeconds: auditSeconds,
      countersConsistent: audit.consistent && afterPostings.consistent,
      machine: { cpus: cpus().length, node: process.version },
      command: 'npm run bench:ledger   (node scripts/run-ts.mjs bench/ledger-balances.ts)',
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/ledger-balances.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(result);
    if (overview.medianMs > OVERVIEW_TARGET_MS) {
      console.error(
        `district overview median ${overview.medianMs} ms misses the ${OVERVIEW_TARGET_MS} ms target`,
      );
      process.exitCode = 1;
    }
    if (fundYear.medianMs >= 10) {
      console.error(`balance query median ${fundYear.medianMs} ms misses the 10 ms target`);
      process.exitCode = 1;
    }
  } finally {
    await db.destroy();
    await withAdminClient(databaseUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
