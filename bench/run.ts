/**
 * `npm run bench`: the API's figures, each measured back to back with its anchor, the physical
 * limit for the same work in the same run (issue 18). Fills a throw-away database, starts the API
 * on it (its own Redis prefix), loads it with autocannon and writes bench/results/<figure>.json and
 * bench/results/summary.md (figure, anchor, ratio, target, machine load).
 *
 * - application list: GET /api/applications (a coordinator's first page) at 1 000 and at 10 000
 *   visible applications against a bare Express handler sending the same JSON;
 * - lifecycle command: SUBMIT over HTTP at 16 and at 200 connections against pgbench running the
 *   SQL the command needs (lock, snapshot, update, audit event, two outbox rows) at 16 clients
 *   (200 database clients would exceed the server's max_connections; the API itself never opens
 *   more than its pool);
 * - notices: the worker mailing notices (outbox → BullMQ → SMTP sink) against nodemailer's pooled
 *   transport sending the same mails to the same sink (bench/notices-throughput.ts);
 * - reminder sweep at 10 000 and 100 000 due drafts against the rule's bare SELECT, and a second
 *   sweep with nothing new (bench/reminder-sweep.ts).
 *
 * The API and the bare handler each run in a process of their own (bench/api-process.ts, the
 * sources this run compiled, the servers' Node flags), the load generator in this one, so a
 * figure is not the load generator's cost and the API's memory is its own. Not part of `npm test`.
 *
 *   npm run bench                         (BENCH_SECONDS=10 BENCH_SUBMITS=3000 npm run bench;
 *                                          BENCH_ONLY=list or submit for one part)
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createDataSource, migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import {
  addOrganisationMember,
  createActionField,
  createArea,
  createCall,
  createDistrict,
  createOrganisation,
  createTestRedis,
  createUser,
  grantRole,
  setPassword,
} from '@kiezfonds/testing';
import type { DataSource } from 'typeorm';
import { signInOverHttp, startApiProcess, startServerProcess } from './api-process';
import { approvalsFigure } from './approvals';
import { type Figure, type Load, round, timedLoad } from './figure';
import { noticesFigure } from './notices-throughput';
import { reminderSweepFigures } from './reminder-sweep';
import { sampleContent } from './sample-content';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 1500);
/** `list`, `submit`, `notices` or `reminders` to run one part only (e.g. for a CPU profile). */
const ONLY = process.env.BENCH_ONLY;
const PASSWORD = 'lange-sichere-passphrase-42';
const RESULTS = 'bench/results';

async function cannon(options: autocannon.Options): Promise<Load> {
  // A second of warm-up (JIT, pools, caches) that is not counted, unless the run is a fixed amount.
  if (options.amount === undefined) await autocannon({ ...options, duration: 1 });
  const { result, requestsPerSecond } = await timedLoad(options);
  return {
    connections: options.connections ?? 10,
    requestsPerSecond,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

async function insertApplications(
  db: DataSource,
  fields: {
    callId: string;
    organisationId: string;
    userId: string;
    state: string;
    content: object;
    count: number;
  },
): Promise<string[]> {
  const rows = (await db.query(
    `INSERT INTO application (call_id, organisation_id, title, created_by, state, content, requested_cents,
       period_start, period_end, submitted_at)
     SELECT $1, $2, 'Kiezprojekt ' || n, $3, $4, $5, 5000000, '2027-03-01', '2028-12-31',
            CASE WHEN $4 = 'draft' THEN NULL ELSE now() END
       FROM generate_series(1, $6::integer) n
     RETURNING id`,
    [
      fields.callId,
      fields.organisationId,
      fields.userId,
      fields.state,
      JSON.stringify(fields.content),
      fields.count,
    ],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** pgbench running what one SUBMIT needs, on drafts of its own; transactions per second. */
function pgbenchSubmit(
  databaseName: string,
  clients: number,
  anchors: number,
): { tps: number; latencyMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-'));
  const script = join(dir, 'submit.sql');
  writeFileSync(
    script,
    `\\set n random(1, ${anchors})
BEGIN;
SELECT a.id, a.state, a.version FROM application a JOIN call c ON c.id = a.call_id
 WHERE a.id = (SELECT id FROM bench_anchor WHERE n = :n) FOR UPDATE OF a;
INSERT INTO application_version (application_id, number, title, content, submitted_by)
SELECT a.id, coalesce((SELECT max(number) FROM application_version v WHERE v.application_id = a.id), 0) + 1,
       a.title, a.content, a.created_by FROM application a WHERE a.id = (SELECT id FROM bench_anchor WHERE n = :n);
UPDATE application SET state = 'submitted', version = version + 1, updated_at = now(), submitted_at = now()
 WHERE id = (SELECT id FROM bench_anchor WHERE n = :n);
INSERT INTO audit_event (entity_type, entity_id, action, actor_id, district_id, from_state, to_state, payload)
SELECT 'application', id::text, 'transition', created_by, district_id, 'draft', 'submitted', '{"event": "SUBMIT"}'
  FROM application WHERE id = (SELECT id FROM bench_anchor WHERE n = :n);
INSERT INTO outbox (topic, delivery_key, payload)
SELECT 'notice', 'bench:' || gen_random_uuid(), '{}' FROM generate_series(1, 2);
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
      String(clients),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      '-f',
      script,
      databaseName,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? NaN);
  return { tps: round(tps, 1), latencyMs };
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  mkdirSync(RESULTS, { recursive: true });
  if (!ONLY || ONLY === 'list' || ONLY === 'submit') figures.push(...(await apiFigures()));
  if (!ONLY || ONLY === 'notices') figures.push(await noticesFigure());
  if (!ONLY || ONLY === 'approvals') figures.push(await approvalsFigure());
  if (!ONLY || ONLY === 'reminders') figures.push(...(await reminderSweepFigures()));
  writeResults(figures);
}

/** The application list and SUBMIT, each against its anchor, on a throw-away database and API. */
async function apiFigures(): Promise<Figure[]> {
  const stamp = Date.now().toString(36);
  const databaseName = `kf_bench_${stamp}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName}`;
  const redis = createTestRedis();
  await migrateDatabase(databaseUrl);
  const db = await createDataSource(databaseUrl).initialize();
  const api = await startApiProcess({ databaseUrl, redisUrl: redis.url, queuePrefix: redis.prefix });
  const base = api.base;
  const bare = await startServerProcess(join(__dirname, 'bare-handler.js'), {}, '/ready');
  const figures: Figure[] = [];

  try {
    const district = await createDistrict(db, { slug: 'spandau', name: 'Spandau' });
    const areaIds = [(await createArea(db, { districtId: district.id, name: 'Heerstraße Nord' })).id];
    const actionFieldIds = [(await createActionField(db, { districtId: district.id, name: 'Bildung' })).id];
    const call = await createCall(db, { districtId: district.id, programmeYear: 2027 });
    await db.query(`INSERT INTO call_area (call_id, area_id) SELECT $1, unnest($2::uuid[])`, [
      call.id,
      areaIds,
    ]);
    await db.query(`INSERT INTO call_action_field (call_id, action_field_id) SELECT $1, unnest($2::uuid[])`, [
      call.id,
      actionFieldIds,
    ]);
    const coordinator = await createUser(db);
    await grantRole(db, coordinator.id, 'coordinator', district.id);
    await setPassword(db, coordinator.id, PASSWORD);
    const carrierUser = await createUser(db);
    const carrier = await createOrganisation(db);
    await addOrganisationMember(db, carrier.id, carrierUser.id);
    await setPassword(db, carrierUser.id, PASSWORD);
    const others = await createOrganisation(db);
    const staff = await signInOverHttp(base, coordinator.email, PASSWORD);
    const member = await signInOverHttp(base, carrierUser.email, PASSWORD);
    const body = sampleContent(areaIds, actionFieldIds);

    // The application list at 1 000 and at 10 000 visible applications.
    let visible = 0;
    for (const size of ONLY === 'submit' ? [] : [1000, 10_000]) {
      await insertApplications(db, {
        callId: call.id,
        organisationId: others.id,
        userId: carrierUser.id,
        state: 'submitted',
        content: body,
        count: size - visible,
      });
      visible = size;
      await db.query(`VACUUM ANALYZE application`);
      const path = '/api/applications?pageSize=25';
      const sample = await fetch(`${base}${path}`, { headers: { cookie: staff.cookie } });
      await fetch(`${bare.base}/body`, { method: 'PUT', body: await sample.text() });
      const options = { connections: 16, duration: SECONDS };
      const project = await cannon({ ...options, url: `${base}${path}`, headers: { cookie: staff.cookie } });
      const anchor = await cannon({ ...options, url: `${bare.base}/list` });
      const ratio = round(project.requestsPerSecond / anchor.requestsPerSecond);
      figures.push({
        name: `application-list-${size}`,
        figure: `GET /api/applications, ${size.toLocaleString('de-DE')} visible, 16 connections`,
        project,
        anchor: { what: 'bare Express handler, same JSON', requestsPerSecond: anchor.requestsPerSecond },
        ratio,
        target: size < 10_000 ? '(base of the growth row)' : '≥ 0.3 of the bare handler',
        met: size < 10_000 ? null : ratio >= 0.3,
        loadAverage: loadavg().map((l) => round(l)),
      });
    }
    const [small, large] = figures.slice(-2) as [Figure, Figure];
    if (small && large) {
      const growth = round(small.project.requestsPerSecond / large.project.requestsPerSecond);
      figures.push({
        name: 'application-list-growth',
        figure: 'cost of the list at 10 000 ÷ at 1 000',
        project: { requestsPerSecond: large.project.requestsPerSecond },
        anchor: { what: 'the same list at 1 000', requestsPerSecond: small.project.requestsPerSecond },
        ratio: growth,
        target: '≤ 1.3',
        met: growth <= 1.3,
        loadAverage: loadavg().map((l) => round(l)),
      });
    }

    // SUBMIT over HTTP, each request on a draft of its own; pgbench on drafts of its own.
    const anchors = 2000;
    const anchorIds = await insertApplications(db, {
      callId: call.id,
      organisationId: others.id,
      userId: carrierUser.id,
      state: 'draft',
      content: body,
      count: anchors,
    });
    await db.query(`CREATE TABLE bench_anchor (n integer PRIMARY KEY, id uuid NOT NULL)`);
    await db.query(
      `INSERT INTO bench_anchor SELECT ordinality, id FROM unnest($1::uuid[]) WITH ORDINALITY id`,
      [anchorIds],
    );
    // The API process's resident memory during the SUBMIT loads (target ≤ 250 MB).
    const rssBeforeMb = api.rssMegabytes();
    let maxRssMb = rssBeforeMb;
    const rssSampler = setInterval(() => {
      maxRssMb = Math.max(maxRssMb, api.rssMegabytes());
    }, 100).unref();
    for (const connections of ONLY === 'list' ? [] : [16, 200]) {
      const drafts = await insertApplications(db, {
        callId: call.id,
        organisationId: carrier.id,
        userId: carrierUser.id,
        state: 'draft',
        content: body,
        count: SUBMITS,
      });
      await db.query(`VACUUM ANALYZE application`);
      let next = 0;
      const project = await cannon({
        url: base,
        connections,
        amount: SUBMITS,
        method: 'POST',
        headers: {
          cookie: member.cookie,
          'x-csrf-token': member.csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ type: 'SUBMIT' }),
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: `/api/applications/${drafts[next++ % drafts.length]}/events`,
            }),
          },
        ],
      });
      const anchor = pgbenchSubmit(databaseName, 16, anchors);
      const ratio = round(project.requestsPerSecond / anchor.tps);
      figures.push({
        name: `lifecycle-submit-${connections}`,
        figure: `SUBMIT over HTTP, ${connections} connections`,
        project,
        anchor: {
          what: 'pgbench, the SUBMIT SQL, 16 clients',
          requestsPerSecond: anchor.tps,
          detail: { latencyAverageMs: anchor.latencyMs },
        },
        ratio,
        target: connections === 16 ? '≥ 0.5, p99 ≤ 50 ms, no errors' : '≥ 0.5, no errors',
        met:
          ratio >= 0.5 &&
          project.errors === 0 &&
          project.non2xx === 0 &&
          (connections !== 16 || project.p99Ms <= 50),
        loadAverage: loadavg().map((l) => round(l)),
      });
    }
    clearInterval(rssSampler);
    if (ONLY !== 'list') {
      const beforeLoadMb = rssBeforeMb;
      figures.push({
        name: 'lifecycle-submit-rss',
        figure: 'API RSS during the SUBMIT loads (max of the API process)',
        project: { requestsPerSecond: maxRssMb, detail: { maxRssMb, beforeLoadMb } },
        anchor: { what: 'the limit', requestsPerSecond: 250 },
        ratio: round(maxRssMb / 250),
        target: '≤ 250 MB',
        met: maxRssMb <= 250,
        loadAverage: loadavg().map((l) => round(l)),
        shown: { project: `${maxRssMb} MB (${beforeLoadMb} MB before the loads)`, anchor: '250 MB' },
      });
    }
  } finally {
    await api.close();
    await bare.close();
    await db.destroy();
    await redis.cleanup();
    await withAdminClient('postgres://postgres@127.0.0.1:5432/postgres', (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
    );
  }
  return figures;
}

function writeResults(figures: Figure[]): void {
  const machine = { cpus: cpus().length, node: process.version, date: new Date().toISOString() };
  for (const figure of figures) {
    writeFileSync(
      join(RESULTS, `${figure.name}.json`),
      `${JSON.stringify({ ...figure, machine, seconds: SECONDS }, null, 2)}\n`,
    );
  }
  const rows = figures.map((f) => {
    const project =
      f.shown?.project ??
      ('p99Ms' in f.project
        ? `${f.project.requestsPerSecond} req/s (p99 ${f.project.p99Ms} ms, errors ${f.project.errors + f.project.non2xx})`
        : `${f.project.requestsPerSecond} req/s`);
    const anchor = f.shown?.anchor ?? `${f.anchor.requestsPerSecond}/s`;
    return `| ${f.figure} | ${project} | ${f.anchor.what}: ${anchor} | ${f.ratio} | ${f.target} | ${f.met === null ? '–' : f.met ? 'yes' : 'no'} | ${f.loadAverage.join(' / ')} |`;
  });
  const summary = [
    '# Benchmark summary',
    '',
    `\`npm run bench\` on ${machine.cpus} cores, Node ${machine.node}, ${machine.date}, ${SECONDS} s per load.`,
    'Ratio: project ÷ anchor (for the growth row: cost at 10 000 ÷ cost at 1 000; for the reminder',
    'sweep: its time ÷ the time of its bare SELECT).',
    '',
    '| figure | project | anchor | ratio | target | met | load average (1/5/15 min) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  // A partial run (BENCH_ONLY) leaves the summary of the last full run as it is.
  if (!ONLY) writeFileSync(join(RESULTS, 'summary.md'), summary);
  process.stdout.write(`${summary}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
