/**
 * The reminder sweep against its bare SELECT (issue 18: sweep ≤ 2× its bare SELECT at 10 000 and
 * 100 000 open items, and a sweep with nothing new does almost no work). Fills a throw-away
 * database with drafts in an open call whose submission deadline is three days away (one active
 * member per organisation, so one reminder per draft: the rule with the most rows), then times,
 * at each size: the rule's own selection SQL alone, one sweep (ReminderSweep.sweep, all rules, as
 * the worker runs it) and a second sweep at the same moment with nothing new. Writes
 * bench/results/reminder-sweep-<size>.json. Part of `npm run bench` (BENCH_ONLY=reminders alone).
 *
 *   npm run bench:reminders          (REMINDER_SIZES=10000,100000 for other sizes)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ReminderSweep, SUBMISSION_DEADLINE_CANDIDATES } from '@kiezfonds/messaging';
import { createDataSource, migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import { createCall, createDistrict, createUser, testConfig } from '@kiezfonds/testing';
import { type Figure, round, startedAs } from './figure';

const SIZES = (process.env.REMINDER_SIZES ?? '10000,100000').split(',').map(Number);

async function seconds<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

export async function reminderSweepFigures(): Promise<Figure[]> {
  const stamp = Date.now().toString(36);
  const databaseName = `kf_bench_${stamp}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName}`;
  await migrateDatabase(databaseUrl);
  const db = await createDataSource(databaseUrl).initialize();
  const config = testConfig({ DATABASE_URL: databaseUrl });
  const sweep = new ReminderSweep(db, config);
  const figures: Figure[] = [];
  try {
    const now = new Date();
    const district = await createDistrict(db);
    const call = await createCall(db, {
      districtId: district.id,
      submissionDeadline: new Date(now.getTime() + 3 * 86_400_000 - 3_600_000),
    });
    const user = await createUser(db);
    let filled = 0;
    for (const size of SIZES) {
      // One organisation per draft, each with the same active member: one reminder per draft.
      await db.query(
        `WITH o AS (
           INSERT INTO organisation (name, legal_form, street, postal_code)
           SELECT 'Träger ' || n, 'e. V.', 'Kiezstraße 1', '13583' FROM generate_series($1::int + 1, $2::int) n
           RETURNING id),
         m AS (INSERT INTO organisation_member (organisation_id, user_id) SELECT id, $4 FROM o)
         INSERT INTO application (call_id, organisation_id, title, created_by, state, content, requested_cents,
           period_start, period_end)
         SELECT $3, id, 'Kiezprojekt', $4, 'draft', '{}', 5000000, '2027-03-01', '2028-12-31' FROM o`,
        [filled, size, call.id, user.id],
      );
      filled = size;
      await db.query('DELETE FROM outbox');
      await db.query('VACUUM ANALYZE');

      const horizonDays = 15;
      // Warm the plan and the cache for both sides alike, then the bare SELECT alone.
      await db.query(SUBMISSION_DEADLINE_CANDIDATES, [now, horizonDays]);
      const select = await seconds(
        async () =>
          ((await db.query(SUBMISSION_DEADLINE_CANDIDATES, [now, horizonDays])) as unknown[]).length,
      );
      const first = await seconds(() => sweep.sweep(now));
      const second = await seconds(() => sweep.sweep(now));
      const ratio = round(first.seconds / select.seconds);
      const secondRatio = round(second.seconds / select.seconds);
      figures.push({
        name: `reminder-sweep-${size}`,
        figure: `reminder sweep, ${size.toLocaleString('de-DE')} drafts due (submission deadline)`,
        project: {
          requestsPerSecond: round(first.result.queued / first.seconds, 1),
          detail: {
            sweepSeconds: round(first.seconds, 3),
            queued: first.result.queued,
            secondSweepSeconds: round(second.seconds, 3),
            secondSweepQueued: second.result.queued,
            secondSweepRatioToSelect: secondRatio,
          },
        },
        anchor: {
          what: "the rule's bare SELECT",
          requestsPerSecond: round(select.result / select.seconds, 1),
          detail: { selectSeconds: round(select.seconds, 3), rows: select.result },
        },
        ratio,
        target: '≤ 2 (sweep ÷ SELECT time); 2nd sweep almost no work',
        met: ratio <= 2 && second.result.queued === 0 && secondRatio <= 1,
        shown: {
          project: `${round(first.seconds * 1000)} ms for ${first.result.queued} reminders; nothing new: ${round(second.seconds * 1000)} ms (${secondRatio}× the SELECT)`,
          anchor: `${round(select.seconds * 1000)} ms for ${select.result} rows`,
        },
        loadAverage: loadavg().map((l) => round(l)),
      });
    }
  } finally {
    await db.destroy();
    await withAdminClient('postgres://postgres@127.0.0.1:5432/postgres', (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
    );
  }
  return figures;
}

if (startedAs('reminder-sweep')) {
  reminderSweepFigures()
    .then((figures) => {
      const machine = { cpus: cpus().length, node: process.version, date: new Date().toISOString() };
      mkdirSync('bench/results', { recursive: true });
      for (const figure of figures) {
        const result = { ...figure, machine, command: 'npm run bench:reminders' };
        writeFileSync(`bench/results/${figure.name}.json`, `${JSON.stringify(result, null, 2)}\n`);
      }
      console.log(JSON.stringify(figures, null, 2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
